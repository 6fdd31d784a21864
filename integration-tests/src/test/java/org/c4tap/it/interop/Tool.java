package org.c4tap.it.interop;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs an independent implementation (OpenSSL, gpgsm) as a separate process: standard output kept
 * as bytes (it is often the decrypted or verified content), standard error as text, nothing
 * inherited from the terminal.
 */
final class Tool {

    private static final File NO_INPUT = new File("/dev/null");

    /** The outcome of one run. */
    record Result(List<String> command, int status, byte[] stdout, String stderr) {

        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        /** Everything the program said, for assertion messages. */
        String describe() {
            return String.join(" ", command) + " exited " + status + "\n--- stderr\n" + stderr + "--- stdout\n" + out();
        }
    }

    private Tool() {
    }

    /**
     * Fails the calling test, saying what to install, when {@code program} cannot be started. The
     * tests never skip: CI installs these programs (see .ci/run).
     */
    static void require(String program, String versionOption, String debianPackage) {
        try {
            Process process = new ProcessBuilder(program, versionOption).redirectInput(NO_INPUT)
                    .redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(program + " " + versionOption + " did not finish within 30 s");
            }
        } catch (IOException e) {
            fail(program + " is needed by this interoperability test and cannot be run (" + e.getMessage()
                    + "); install it, on Debian: apt-get install " + debianPackage);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while looking for " + program);
        }
    }

    /** The first line {@code program versionOption} prints, e.g. {@code OpenSSL 3.0.17 1 Jul 2025 ...}. */
    static String version(String program, String versionOption) throws IOException, InterruptedException {
        Result result = run(Path.of("."), Map.of(), null, program, versionOption);
        return result.out().lines().findFirst().orElse("").strip();
    }

    static Result run(Path directory, Map<String, String> environment, byte[] stdin, String... command)
            throws IOException, InterruptedException {
        List<String> line = List.of(command);
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(line)).directory(directory.toFile());
        builder.environment().putAll(environment);
        if (stdin == null) {
            builder.redirectInput(NO_INPUT);
        }
        Process process = builder.start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
        if (stdin != null) {
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin);
            }
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("did not finish within 120 s: " + line);
        }
        return new Result(line, process.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
    }

    private static byte[] drain(InputStream stream) {
        try (stream) {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read a child process's output", e);
        }
    }
}
