package org.c4tap.core.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A real spamd for tests, owned by the test: started in the foreground on a free loopback port
 * with local rules only, ready once it answers PING, and stopped with its children by
 * {@link #close()}, also when the JVM exits first. It runs as root (dropping to debian-spamd)
 * and as an ordinary user. Its output goes to a log file, which
 * {@link #log()} returns for a failing test's message.
 */
public final class SpamdProcess implements AutoCloseable {

    public static final String INSTALL_HINT = "install spamd: apt-get install spamassassin spamd";

    private static final String HOST = "127.0.0.1";
    // Started by root, spamd should drop to an unprivileged account; Debian's package creates this one.
    private static final String SPAMD_USER = "debian-spamd";
    private static final String FALLBACK_USER = "nobody";
    private static final List<String> SBIN_DIRECTORIES = List.of("/usr/sbin", "/usr/local/sbin", "/sbin");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    // Another process may take the free port between our probe and spamd's bind.
    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final int port;
    private final Path logFile;
    private final List<String> command;
    private final Thread stopAtExit;
    private boolean stopped;

    private SpamdProcess(Process process, int port, Path logFile, List<String> command) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        this.command = List.copyOf(command);
        this.stopAtExit = new Thread(this::stop, "spamd-stop-at-exit");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /**
     * Starts spamd and waits until it answers PING.
     *
     * @throws IllegalStateException when spamd is not installed, or does not start, with its log
     */
    public static SpamdProcess start() {
        Path spamd = locate().orElseThrow(() -> new IllegalStateException("spamd not found on PATH or in " + SBIN_DIRECTORIES
                + "; " + INSTALL_HINT));
        for (int attempt = 1; attempt < START_ATTEMPTS; attempt++) {
            Optional<SpamdProcess> started = startOn(spamd, freePort());
            if (started.isPresent()) {
                return started.get();
            }
        }
        return startOn(spamd, freePort()).orElseThrow(() -> new IllegalStateException(
                "spamd found its port taken " + START_ATTEMPTS + " times in a row"));
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    /** The command line spamd was started with. */
    public List<String> command() {
        return command;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** What spamd has written so far, for a failure message. */
    public String log() {
        try {
            return Files.readString(logFile, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(spamd's log is unreadable: " + e.getMessage() + ")";
        }
    }

    /** Stops spamd and its children, waiting until they have gone, and deletes its log. Safe to call more than once. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException e) {
            // The JVM is exiting and the hook runs anyway.
        }
        stop();
    }

    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        // Collected first: once the parent is gone its children no longer show as its descendants.
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        process.descendants().forEach(tree::add);
        // TERM lets spamd stop its own children; whatever outlives the grace period is killed.
        tree.forEach(ProcessHandle::destroy);
        long giveUpAt = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (ProcessHandle handle : tree) {
            waitFor(handle, giveUpAt);
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : tree) {
            waitFor(handle, System.nanoTime() + STOP_TIMEOUT.toNanos());
        }
        try {
            Files.deleteIfExists(logFile);
        } catch (IOException e) {
            // A stray temporary file is no reason to fail a test.
        }
        List<Long> survivors = tree.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
        if (!survivors.isEmpty()) {
            throw new IllegalStateException("spamd processes " + survivors + " did not stop");
        }
    }

    /** spamd ready on {@code port}, or empty when another process took the port first. */
    private static Optional<SpamdProcess> startOn(Path spamd, int port) {
        List<String> command = command(spamd, port);
        SpamdProcess started;
        try {
            Path logFile = Files.createTempFile("spamd-" + port + "-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
            process.getOutputStream().close();
            started = new SpamdProcess(process, port, logFile, command);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + String.join(" ", command), e);
        }
        try {
            return started.awaitPong();
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }

    private Optional<SpamdProcess> awaitPong() {
        long giveUpAt = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() - giveUpAt < 0) {
            // spamd retries a taken port for ever, while a PING there would reach whoever holds it.
            if (log().contains("Address already in use")) {
                close();
                return Optional.empty();
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("spamd exited with " + process.exitValue() + " before answering PING; "
                        + String.join(" ", command) + "\n" + log());
            }
            if (pong(port)) {
                return Optional.of(this);
            }
            sleep(Duration.ofMillis(100));
        }
        throw new IllegalStateException("spamd did not answer PING within " + READY_TIMEOUT.toSeconds() + " s; "
                + String.join(" ", command) + "\n" + log());
    }

    private static List<String> command(Path spamd, int port) {
        List<String> command = new ArrayList<>(List.of(spamd.toString(),
                "-x",                                  // no per-user configuration
                "-L",                                  // local rules only: without it DNS lookups add seconds per message
                "-i", HOST + ":" + port,
                "-A", HOST,
                "--max-children=2",
                "--cf=use_bayes 0",
                "-s", "stderr"));
        if (isRoot()) {
            command.addAll(List.of("-u", userExists(SPAMD_USER) ? SPAMD_USER : FALLBACK_USER));
        }
        return command;
    }

    private static Optional<Path> locate() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)), SBIN_DIRECTORIES.stream())
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, "spamd"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static boolean userExists(String user) {
        try (Stream<String> accounts = Files.lines(Path.of("/etc/passwd"))) {
            return accounts.anyMatch(line -> line.startsWith(user + ":"));
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    // Independent of the client under test, so that a broken client cannot pass for a broken spamd.
    private static boolean pong(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("PING SPAMC/1.5\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return status != null && status.matches("SPAMD/\\d+\\.\\d+ 0 PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private static void waitFor(ProcessHandle handle, long giveUpAt) {
        try {
            handle.onExit().get(Math.max(0, giveUpAt - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Still alive: the caller checks what is left.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for spamd", e);
        }
    }
}
