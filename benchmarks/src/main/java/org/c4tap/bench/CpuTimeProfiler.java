package org.c4tap.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * The CPU time the benchmark's JVM spent per operation, all its threads counted (the benchmark
 * thread, and the garbage collector's and compilers' share): {@code cpu.time.norm} in ms/op beside
 * JMH's wall-clock score. On a machine shared with other work, wall-clock time grows with the
 * waiting for a core; CPU time much less, so it is the steadier of the two there.
 *
 * <pre>java -cp … org.openjdk.jmh.Main -prof org.c4tap.bench.CpuTimeProfiler …</pre>
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final com.sun.management.OperatingSystemMXBean system =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long started;

    @Override
    public String getDescription() {
        return "CPU time of the benchmark JVM (all threads) per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
        started = system.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
        long spent = system.getProcessCpuTime() - started;
        long operations = result.getMetadata().getMeasuredOps();
        double perOperation = operations == 0 ? Double.NaN : spent / 1e6 / operations;
        return List.of(new ScalarResult("cpu.time.norm", perOperation, "ms/op", AggregationPolicy.AVG));
    }
}
