package org.c4tap.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The seed corpus of a fuzz target, kept where jazzer-junit looks for it:
 * {@code src/test/resources/<package>/<TestClass>Inputs/<method>/}. Seeds are made by code (the
 * fuzz test names them); jazzer-junit runs every file there on each build, and saves what fuzzing
 * finds beside them as {@code crash-*} or {@code timeout-*}.
 */
public final class FuzzSeeds {

    public static final String PREFIX = "seed-";

    private FuzzSeeds() {
    }

    /** The inputs directory of {@code method} in the source tree (tests run in the module's folder). */
    public static Path directory(Class<?> fuzzTest, String method) {
        return Path.of("src", "test", "resources").resolve(fuzzTest.getPackageName().replace('.', '/'))
                .resolve(fuzzTest.getSimpleName() + "Inputs").resolve(method);
    }

    /**
     * Writes each seed that is not in the directory yet, and names what it wrote: a new or renamed
     * seed shows up as a change to commit, never silently.
     */
    public static List<String> writeMissing(Class<?> fuzzTest, String method, Map<String, byte[]> seeds) {
        Path directory = directory(fuzzTest, method);
        List<String> written = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
                Path file = directory.resolve(PREFIX + seed.getKey());
                if (!Files.exists(file)) {
                    Files.write(file, seed.getValue());
                    written.add(file.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return written;
    }

    /** Every input kept for {@code method}: the seeds and the findings, by file name. */
    public static Map<String, byte[]> committed(Class<?> fuzzTest, String method) {
        Path directory = directory(fuzzTest, method);
        try (Stream<Path> files = Files.list(directory)) {
            Map<String, byte[]> inputs = new java.util.TreeMap<>();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                inputs.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
            return inputs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
