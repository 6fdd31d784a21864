package org.c4tap.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.c4tap.cli.james.Installation;
import org.c4tap.cli.load.LoadRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code c4tap load --reports 1000 --concurrency 8}: the load harness, on real servers. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Start an operator and a council gateway (real James 3.8.1 servers on loopback), submit N suspicious-mail",
                "forwards over SMTP AUTH with C concurrent clients, and wait until the secretariat has every notice.",
                "Reports throughput, end-to-end latency percentiles (submission to the secretariat's notice), lost and",
                "duplicated reports, and each server's peak memory. --mode both first measures the plain relay (the same",
                "servers, the same message, addressed past our mailets) and then the pipeline, for the ratio.",
                "Exit status: 0 when nothing was lost or duplicated."})
public final class LoadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--reports", defaultValue = "1000", paramLabel = "N", description = "how many reports (default ${DEFAULT-VALUE})")
    int reports;

    @Option(names = "--concurrency", defaultValue = "8", paramLabel = "C", description = "concurrent SMTP clients (default ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--mode", defaultValue = "both", paramLabel = "MODE", description = "pipeline, plain or both (default ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--deadline", defaultValue = "900", paramLabel = "SECONDS",
            description = "how long to wait for the last notice after the last submission (default ${DEFAULT-VALUE})")
    long deadlineSeconds;

    @Option(names = "--work", paramLabel = "DIR", description = "the folder for the servers and their logs (default: a new temporary folder)")
    Path work;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the figures as JSON to FILE")
    Path json;

    @Option(names = "--rate", paramLabel = "R",
            description = "submit R reports per second, evenly spaced, to measure latency at that load (default: as fast as the clients can,"
                    + " to measure throughput; latency then includes the queue)")
    Double rate;

    @Option(names = "--spamd-port", paramLabel = "PORT",
            description = "score with the spamd listening on 127.0.0.1:PORT (default: without spamd; reports say \"unavailable\")")
    Integer spamdPort;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path folder = work != null ? Files.createDirectories(work) : Files.createTempDirectory("c4tap-load-");
        LoadRun harness = new LoadRun(folder.toAbsolutePath(), Installation.locate(), line -> {
            out.println(line);
            out.flush();
        });
        List<LoadRun.Mode> modes = switch (mode.toLowerCase(Locale.ROOT)) {
            case "both" -> List.of(LoadRun.Mode.PLAIN, LoadRun.Mode.PIPELINE);
            case "plain" -> List.of(LoadRun.Mode.PLAIN);
            case "pipeline" -> List.of(LoadRun.Mode.PIPELINE);
            default -> throw new IllegalArgumentException("--mode must be pipeline, plain or both, not " + mode);
        };
        List<LoadRun.Result> results = new ArrayList<>();
        for (LoadRun.Mode each : modes) {
            LoadRun.Result result = harness.run(each, reports, concurrency, Duration.ofSeconds(deadlineSeconds),
                    spamdPort == null ? OptionalInt.empty() : OptionalInt.of(spamdPort),
                    rate == null ? OptionalDouble.empty() : OptionalDouble.of(rate));
            results.add(result);
            out.printf(Locale.ROOT, "[load]     %-8s %d submitted (%d failed), %d delivered, %d lost, %d duplicated in %.1f s: %.1f reports/s;"
                            + " latency p50 %d ms, p95 %d ms, p99 %d ms, max %d ms; peak RSS operator %d MiB, council %d MiB%n",
                    result.mode(), result.submitted(), result.submitFailures(), result.delivered(), result.lost(), result.duplicated(),
                    result.wall().toMillis() / 1000.0, result.throughputPerSecond(), result.p50Millis(), result.p95Millis(),
                    result.p99Millis(), result.maxMillis(), result.operatorPeakRssKb() / 1024, result.councilPeakRssKb() / 1024);
            out.flush();
        }
        if (results.size() == 2 && results.get(0).throughputPerSecond() > 0) {
            out.printf(Locale.ROOT, "[load]     pipeline throughput = %.0f%% of the plain relay's%n",
                    100 * results.get(1).throughputPerSecond() / results.get(0).throughputPerSecond());
        }
        if (json != null) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = mapper.createObjectNode();
            root.put("reports", reports);
            root.put("concurrency", concurrency);
            if (rate != null) {
                root.put("rate_per_s", rate);
            }
            root.put("processors", Runtime.getRuntime().availableProcessors());
            root.put("cpu", cpuModel());
            root.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
            root.put("james", "3.8.1 memory server, two on loopback");
            root.put("spamd", spamdPort == null ? "none" : "127.0.0.1:" + spamdPort);
            ArrayNode runs = root.putArray("runs");
            for (LoadRun.Result result : results) {
                ObjectNode run = runs.addObject();
                run.put("mode", result.mode().name().toLowerCase(Locale.ROOT));
                run.put("submitted", result.submitted());
                run.put("submit_failures", result.submitFailures());
                run.put("delivered", result.delivered());
                run.put("lost", result.lost());
                run.put("duplicated", result.duplicated());
                run.put("wall_ms", result.wall().toMillis());
                run.put("throughput_per_s", result.throughputPerSecond());
                run.put("p50_ms", result.p50Millis());
                run.put("p95_ms", result.p95Millis());
                run.put("p99_ms", result.p99Millis());
                run.put("max_ms", result.maxMillis());
                run.put("operator_peak_rss_kib", result.operatorPeakRssKb());
                run.put("council_peak_rss_kib", result.councilPeakRssKb());
            }
            Files.writeString(json, mapper.writeValueAsString(root));
        }
        boolean clean = results.stream().allMatch(result -> result.lost() == 0 && result.duplicated() == 0 && result.submitFailures() == 0);
        return clean ? 0 : 1;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElse("unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
