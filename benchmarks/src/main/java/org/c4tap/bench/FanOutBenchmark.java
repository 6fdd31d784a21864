package org.c4tap.bench;

import jakarta.mail.internet.MimeMessage;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.c4tap.bench.input.BenchPki;
import org.c4tap.bench.input.NoticeContent;
import org.c4tap.bench.input.SampleRegistry;
import org.c4tap.bench.input.SampleReports;
import org.c4tap.bench.input.Scale;
import org.c4tap.core.pki.KeyType;
import org.c4tap.core.smime.OuterHeaders;
import org.c4tap.core.smime.Sealer;
import org.c4tap.core.smime.SealingProfile;
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
 * Issue 4, a notice fanned out to the 350 organisations of {@link SampleRegistry} (80 % RSA 2048
 * keys by RSA-OAEP, 20 % EC P-256 by ECDH), with the council's standard profile, on the 200 KB
 * entity: as notices are sealed, one signature and one envelope per organisation. For comparison
 * with {@code openssl cms -encrypt} to the same 350 certificates in one envelope, which
 * {@code ./c4tap bench} times, the same in one envelope ({@link #oneEnvelopeForAll()}): one
 * signature, one content encryption, 350 key transports or agreements.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class FanOutBenchmark {

    private NoticeContent content;
    private Sealer sealer;
    private List<X509Certificate> certificates;
    private List<OuterHeaders> headers;

    @Setup
    public void setUp() {
        BenchPki pki = BenchPki.standard();
        SampleRegistry registry = SampleRegistry.of(pki, Scale.ORGANISATIONS);
        certificates = registry.certificates();
        headers = new ArrayList<>();
        for (int i = 0; i < certificates.size(); i++) {
            headers.add(NoticeContent.headers("c4tap@council.example", "c4tap@org-%03d.example".formatted(i), "fan-out." + i));
        }
        content = NoticeContent.of(SampleReports.large());
        sealer = new Sealer(pki.key("council", "c4tap@council.example", KeyType.RSA_2048), SealingProfile.STANDARD);
    }

    /** 350 notices, each signed and encrypted to one organisation. */
    @Benchmark
    public List<MimeMessage> onePerOrganisation() throws Exception {
        List<MimeMessage> notices = new ArrayList<>(certificates.size());
        for (int i = 0; i < certificates.size(); i++) {
            notices.add(sealer.seal(content.part(), headers.get(i), List.of(certificates.get(i))));
        }
        return notices;
    }

    /** One notice encrypted to all 350 organisations at once: what {@code openssl cms -encrypt} is timed doing. */
    @Benchmark
    public MimeMessage oneEnvelopeForAll() throws Exception {
        return sealer.seal(content.part(), headers.get(0), certificates);
    }
}
