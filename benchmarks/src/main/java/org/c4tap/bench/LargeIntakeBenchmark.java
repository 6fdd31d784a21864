package org.c4tap.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.c4tap.bench.input.LargeIntake;
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
 * Issue 3, intake of a large forward: the whole analysis of a 71.8 MB submission carrying a 50 MB
 * attachment (which is fingerprinted and, being under the 64 MiB inspection limit, inspected), in
 * milliseconds. The pure fingerprinting rate is {@link FingerprintBenchmark}'s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class LargeIntakeBenchmark {

    private byte[] forward;
    private Analyzer analyzer;

    @Setup
    public void setUp() {
        forward = LargeIntake.forward().bytes();
        analyzer = new Analyzer(LargeIntake.settings());
    }

    @Benchmark
    public List<Report> analyzeFiftyMegabyteAttachment() {
        return analyzer.analyze(SampleReports.submission(forward));
    }
}
