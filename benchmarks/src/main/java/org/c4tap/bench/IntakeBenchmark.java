package org.c4tap.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.c4tap.bench.input.SampleForward;
import org.c4tap.bench.input.SampleReports;
import org.c4tap.core.analysis.Analyzer;
import org.c4tap.core.report.Report;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 3, intake: reports per second on one thread for a typical forward (204 KB, a 100 KB zip
 * attachment, see {@link SampleForward#typical()}), from the submission's bytes to the report as the
 * operator's gateway builds it (parse, find the reported mail, fingerprint and inspect every
 * attachment, indicators, scopes, pseudonyms; no spam filter, which is a network call to spamd).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class IntakeBenchmark {

    private byte[] forward;
    private Analyzer analyzer;

    @Setup
    public void setUp() {
        forward = SampleForward.typical().bytes();
        analyzer = new Analyzer(SampleReports.settings());
        if (analyzer.analyze(SampleReports.submission(forward)).size() != 1) {
            throw new IllegalStateException("the typical forward must give one report");
        }
    }

    /** One submission, parsed from its bytes as the gateway receives it, to its report. */
    @Benchmark
    public List<Report> analyzeTypicalForward() {
        return analyzer.analyze(SampleReports.submission(forward));
    }
}
