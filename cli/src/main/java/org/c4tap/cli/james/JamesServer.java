package org.c4tap.cli.james;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache James memory server in its own process, started from a prepared working directory
 * ({@code conf/}, {@code extensions-jars/}) on the Maven-built James class path. Its console goes
 * to {@code james.log} in the working directory.
 */
public final class JamesServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final String name;
    private final Path workingDirectory;
    private final GatewayPorts ports;
    private final Process process;
    private final WebAdmin webAdmin;
    private final Duration startTime;

    private JamesServer(String name, Path workingDirectory, GatewayPorts ports, Process process, Duration startTime) {
        this.name = name;
        this.workingDirectory = workingDirectory;
        this.ports = ports;
        this.process = process;
        this.webAdmin = new WebAdmin(ports.webAdmin());
        this.startTime = startTime;
    }

    /** Extra JVM options for every James this starts, separated by spaces, e.g. a flight recording. */
    public static final String EXTRA_OPTIONS_VARIABLE = "C4TAP_JAMES_OPTS";

    /** Starts James in {@code workingDirectory} and waits until WebAdmin reports it healthy. */
    public static JamesServer start(String name, Path workingDirectory, GatewayPorts ports, Installation installation,
                                    List<String> extraJvmOptions) throws IOException {
        Instant begin = Instant.now();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xms64m");
        command.add("-Xmx768m");
        command.add("-Dworking.directory=" + workingDirectory);
        command.add("-Dlogback.configurationFile=" + workingDirectory.resolve("conf/logback.xml"));
        command.add("-Djava.net.preferIPv4Stack=true");
        command.addAll(extraJvmOptions);
        // for whoever runs the demo, the tests or the load harness: a profiler, a larger heap…
        String fromEnvironment = System.getenv(EXTRA_OPTIONS_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            command.addAll(List.of(fromEnvironment.strip().split("\\s+")));
        }
        command.add("-cp");
        command.add(installation.jamesClassPath() + "/*");
        command.add("org.apache.james.MemoryJamesServerMain");
        Path log = workingDirectory.resolve("james.log");
        Process process = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        JamesServer server = new JamesServer(name, workingDirectory, ports, process, Duration.between(begin, Instant.now()));
        Instant deadline = begin.plus(START_TIMEOUT);
        while (!server.webAdmin.healthy()) {
            if (!process.isAlive()) {
                throw new IOException(name + ": James exited with status " + process.exitValue() + " while starting:\n" + server.tail(40));
            }
            if (Instant.now().isAfter(deadline)) {
                server.close();
                throw new IOException(name + ": James did not become healthy within " + START_TIMEOUT.toSeconds() + " s:\n" + server.tail(40));
            }
            sleep(200);
        }
        return new JamesServer(name, workingDirectory, ports, process, Duration.between(begin, Instant.now()));
    }

    public String name() {
        return name;
    }

    public GatewayPorts ports() {
        return ports;
    }

    public WebAdmin webAdmin() {
        return webAdmin;
    }

    public Path workingDirectory() {
        return workingDirectory;
    }

    public Path log() {
        return workingDirectory.resolve("james.log");
    }

    public Duration startTime() {
        return startTime;
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Writes a thread dump of the server to {@code thread-dump-<time>.txt} in its working directory,
     * for diagnosing a stalled server. It goes beside the log, never into it: the log is read for
     * exceptions, and a dump's stack frames would read as one.
     */
    public Path dumpThreads() {
        Path dump = workingDirectory.resolve("thread-dump-" + System.currentTimeMillis() + ".txt");
        if (!process.isAlive()) {
            return dump;
        }
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd");
        try {
            new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print", "-l").redirectErrorStream(true)
                    .redirectOutput(dump.toFile()).start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            // diagnostics only: a JDK without jcmd leaves no dump, and the stall is looked at some other way
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return dump;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines of the server's console, for error messages. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log(), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the server: a normal shutdown first, then by force. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
