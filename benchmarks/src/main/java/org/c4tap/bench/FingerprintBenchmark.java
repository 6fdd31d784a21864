package org.c4tap.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;
import org.c4tap.bench.input.LargeIntake;
import org.c4tap.core.fingerprint.Fingerprint;
import org.c4tap.core.fingerprint.Fingerprinter;
import org.c4tap.core.fingerprint.Ssdeep;
import org.c4tap.core.fingerprint.Tlsh;
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
 * Issue 3, fingerprinting: the time of one pass of {@link Fingerprinter} (MD5, SHA-1, SHA-256,
 * SHA-512, ssdeep and TLSH) over the 50 MB attachment, which {@code ./c4tap bench} also writes to a
 * file for {@code md5sum}, {@code sha1sum}, {@code sha256sum}, {@code sha512sum} and {@code ssdeep}
 * to hash. The other benchmarks here run each hash alone over the same bytes, in the same 1 MiB
 * chunks, to show where the pass spends its time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 4)
@Measurement(iterations = 5, time = 4)
public class FingerprintBenchmark {

    private static final int CHUNK = 1024 * 1024;

    private byte[] attachment;

    @Setup
    public void setUp() {
        attachment = LargeIntake.forward().attachment();
    }

    /** All six in the one pass the intake makes (nothing kept: the bytes are hashed, not inspected). */
    @Benchmark
    public Fingerprint allSixInOnePass() throws IOException {
        return Fingerprinter.of(new ByteArrayInputStream(attachment), attachment.length, 0).fingerprint();
    }

    /** Each hash alone. */
    @State(Scope.Benchmark)
    public static class Alone {
        @Param({"MD5", "SHA-1", "SHA-256", "SHA-512", "ssdeep", "TLSH"})
        public String hash;
    }

    @Benchmark
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 3, time = 2)
    public Object eachHashAlone(Alone alone) throws NoSuchAlgorithmException {
        switch (alone.hash) {
            case "ssdeep" -> {
                Ssdeep ssdeep = new Ssdeep();
                for (int at = 0; at < attachment.length; at += CHUNK) {
                    ssdeep.update(attachment, at, Math.min(CHUNK, attachment.length - at));
                }
                return ssdeep.digest();
            }
            case "TLSH" -> {
                Tlsh tlsh = new Tlsh();
                for (int at = 0; at < attachment.length; at += CHUNK) {
                    tlsh.update(attachment, at, Math.min(CHUNK, attachment.length - at));
                }
                return tlsh.digest();
            }
            default -> {
                MessageDigest digest = MessageDigest.getInstance(alone.hash);
                for (int at = 0; at < attachment.length; at += CHUNK) {
                    digest.update(attachment, at, Math.min(CHUNK, attachment.length - at));
                }
                return digest.digest();
            }
        }
    }
}
