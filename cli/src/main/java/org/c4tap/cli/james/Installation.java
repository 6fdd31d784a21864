package org.c4tap.cli.james;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the pieces of a c4tap-gateway checkout are: the James 3.8.1 class path, the deployable
 * extension jars, and the configuration samples. Found from the {@code c4tap.home} system
 * property (set by the launcher and the tests) or the working directory.
 */
public record Installation(Path home) {

    public static Installation locate() {
        String home = System.getProperty("c4tap.home");
        return new Installation(Path.of(home == null ? "." : home).toAbsolutePath().normalize());
    }

    public Path jamesClassPath() {
        return home.resolve("james-runtime/target/lib");
    }

    /** The extension jars for James 3.8 (javax.mail): ours, transformed, and BouncyCastle's S/MIME jar. */
    public Path james38Extensions() {
        return home.resolve("dist/target/james-3.8/extensions-jars");
    }

    public Path configuration() {
        return home.resolve("config");
    }

    /** Fails with what is missing and how to build it. */
    public void check() throws IOException {
        for (Path required : List.of(jamesClassPath(), james38Extensions(), configuration())) {
            boolean present;
            try (Stream<Path> entries = Files.isDirectory(required) ? Files.list(required) : Stream.empty()) {
                present = entries.findAny().isPresent();
            }
            if (!present) {
                throw new IOException(required + " is missing or empty; build first: ./mvnw -DskipTests package (or ./c4tap build)");
            }
        }
    }
}
