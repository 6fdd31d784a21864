package org.c4tap.bench;

import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.c4tap.bench.input.BenchPki;
import org.c4tap.bench.input.CryptoProfile;
import org.c4tap.bench.input.NoticeContent;
import org.c4tap.bench.input.SampleReports;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.smime.Credential;
import org.c4tap.core.smime.Opened;
import org.c4tap.core.smime.Opener;
import org.c4tap.core.smime.OuterHeaders;
import org.c4tap.core.smime.Sealer;
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
 * Issue 4, seal and open per second of a report whose entity is 200 KB (text, JSON, STIX and
 * headers; {@link SampleReports#large()}), operator to council, in each {@link CryptoProfile}:
 * sealing signs and encrypts to one recipient; opening decrypts and verifies the signature
 * (whether the signer may send is the caller's trust decision, not timed here).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SealBenchmark {

    @Param
    public CryptoProfile profile;

    private NoticeContent content;
    private OuterHeaders headers;
    private Sealer sealer;
    private Opener opener;
    private List<java.security.cert.X509Certificate> recipient;
    private byte[] sealed;

    @Setup
    public void setUp() throws Exception {
        BenchPki pki = BenchPki.standard();
        Credential operator = pki.key("operator-gateway", "report@bank-a.example", profile.signer());
        Credential council = pki.key("council", "c4tap@council.example", profile.recipient());
        content = NoticeContent.of(SampleReports.large());
        headers = NoticeContent.headers("report@bank-a.example", "c4tap@council.example", "seal-benchmark");
        sealer = new Sealer(operator, profile.profile());
        opener = new Opener(council);
        recipient = List.of(council.certificate());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        seal().writeTo(out);
        sealed = out.toByteArray();
        open();
    }

    @Benchmark
    public MimeMessage seal() throws Exception {
        return sealer.seal(content.part(), headers, recipient);
    }

    /** From the sealed message's bytes, as the council's gateway receives it. */
    @Benchmark
    public Opened open() throws Exception {
        return opener.open(MimeParts.parse(sealed));
    }
}
