package org.c4tap.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.c4tap.bench.input.BenchPki;
import org.c4tap.bench.input.SampleRegistry;
import org.c4tap.bench.input.SampleReports;
import org.c4tap.bench.input.Scale;
import org.c4tap.core.notice.Distribution;
import org.c4tap.core.notice.Distributor;
import org.c4tap.core.pki.KeyType;
import org.c4tap.core.report.Report;
import org.c4tap.core.smime.Sealer;
import org.c4tap.core.smime.SealingProfile;
import org.c4tap.core.trust.CertificateValidator;
import org.c4tap.core.trust.TrustSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 5, distribution: {@link Distributor#distribute} of one report to the 350 organisations of
 * {@link SampleRegistry}: plan the audience, rebuild each organisation's parts, render, sign and
 * encrypt each notice, with the council's configuration (standard profile; with
 * {@code validating}, every recipient certificate validated against the CA and its CRL first, as
 * the sample council configuration does). {@code report} is the typical forward's report or the
 * 200 KB one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class DistributionBenchmark {

    @Param({"typical", "200kb"})
    public String report;

    @Param({"true", "false"})
    public boolean validating;

    private Distributor distributor;
    private SampleRegistry registry;
    private Report accepted;

    @Setup
    public void setUp() throws Exception {
        BenchPki pki = BenchPki.standard();
        registry = SampleRegistry.of(pki, Scale.ORGANISATIONS);
        accepted = report.equals("typical") ? SampleReports.typical() : SampleReports.large();
        Distributor plain = new Distributor(new Sealer(pki.key("council", "c4tap@council.example", KeyType.RSA_2048),
                SealingProfile.STANDARD), "c4tap@council.example", List.of());
        if (validating) {
            CertificateValidator validator = new CertificateValidator(TrustSettings.anchoredAt(List.of(pki.ca().certificate()))
                    .withCrls(List.of(pki.ca().crl(Instant.now().minusSeconds(60), Duration.ofDays(7)))));
            distributor = plain.validatingRecipients(() -> validator);
        } else {
            distributor = plain;
        }
        Distribution distribution = distribute();
        if (!distribution.skipped().isEmpty() || distribution.notices().size() < Scale.ORGANISATIONS * 9 / 10) {
            throw new IllegalStateException("the sample distribution reached " + distribution.notices().size()
                    + " organisations and skipped " + distribution.skipped());
        }
    }

    @Benchmark
    public Distribution distribute() throws Exception {
        return distributor.distribute(accepted, registry.provider(), registry.registry());
    }
}
