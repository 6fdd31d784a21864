package org.c4tap.bench.heap;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.c4tap.bench.input.LargeIntake;
import org.c4tap.bench.input.SampleReports;
import org.c4tap.core.analysis.Analyzer;
import org.c4tap.core.report.Attachment;
import org.c4tap.core.report.AttachmentList;
import org.c4tap.core.report.Report;

/**
 * Analyses one saved submission in this (fresh) JVM and prints, as one JSON object, how much heap
 * that took: the sum of the heap pools' peak usage after the peaks were reset with only the
 * submission's bytes loaded, and the baseline it started from. The peak includes garbage not yet
 * collected, so it is an upper bound; {@link SmallestHeap} finds the smallest {@code -Xmx} that
 * suffices. It also prints the largest attachment's size and SHA-256, so a run that "succeeded"
 * on a cut message would show.
 *
 * <pre>java -cp … org.c4tap.bench.heap.HeapProbe FILE.eml</pre>
 */
public final class HeapProbe {

    private HeapProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: HeapProbe FILE.eml");
            System.exit(2);
        }
        byte[] submission = Files.readAllBytes(Path.of(args[0]));
        Analyzer analyzer = new Analyzer(LargeIntake.settings());
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long baseline = heap.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();

        long started = System.nanoTime();
        List<Report> reports = analyzer.analyze(SampleReports.submission(submission));
        long elapsed = System.nanoTime() - started;

        long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        Attachment largest = reports.stream().flatMap(report -> report.part(AttachmentList.class).stream())
                .flatMap(list -> list.attachments().stream())
                .max(java.util.Comparator.comparingLong(attachment -> attachment.fingerprint().size()))
                .orElseThrow(() -> new IllegalStateException("the submission gave no attachment"));
        System.out.printf(java.util.Locale.ROOT,
                "{\"submission_bytes\": %d, \"max_heap_bytes\": %d, \"baseline_bytes\": %d, \"peak_bytes\": %d,"
                        + " \"peak_over_submission\": %.3f, \"analysis_ms\": %.1f, \"reports\": %d,"
                        + " \"largest_attachment\": {\"size\": %d, \"sha256\": \"%s\"}, \"notes\": %d}%n",
                submission.length, Runtime.getRuntime().maxMemory(), baseline, peak, (double) peak / submission.length,
                elapsed / 1e6, reports.size(), largest.fingerprint().size(), largest.fingerprint().sha256(),
                reports.stream().mapToInt(report -> report.notes().size()).sum());
    }
}
