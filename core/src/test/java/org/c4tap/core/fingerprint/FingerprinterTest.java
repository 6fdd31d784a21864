package org.c4tap.core.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FingerprinterTest {

    @Test
    void knownVectorsForAbc() {
        Fingerprint fp = Fingerprinter.of("abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(fp.size()).isEqualTo(3);
        assertThat(fp.md5()).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
        assertThat(fp.sha1()).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
        assertThat(fp.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(fp.sha512()).startsWith("ddaf35a193617aba");
    }

    @Test
    void emptyInput() {
        Fingerprint fp = Fingerprinter.of(new byte[0]);
        assertThat(fp.size()).isZero();
        assertThat(fp.sha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void largeInputAcrossManyBuffersMatchesTheJdk() throws Exception {
        byte[] bytes = new byte[1_000_003];
        new Random(42).nextBytes(bytes);
        Fingerprint fp = Fingerprinter.of(bytes);
        assertThat(fp.size()).isEqualTo(bytes.length);
        assertThat(fp.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        assertThat(fp.sha1()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes)));
    }

    @Test
    void bytesAlreadyInMemoryAreKeptAsTheyAreNotCopied() {
        byte[] bytes = new byte[10_000];
        new Random(8).nextBytes(bytes);
        assertThat(Fingerprinter.of(bytes, bytes.length).content()).containsSame(bytes);
        assertThat(Fingerprinter.of(bytes, bytes.length).fingerprint()).isEqualTo(Fingerprinter.of(bytes));
        assertThat(Fingerprinter.of(bytes, bytes.length - 1).content()).isEmpty();
    }

    @Test
    void whateverTheSizeHintTheKeptBytesAreExactlyTheStreams() throws Exception {
        byte[] bytes = new byte[3 * 1024 * 1024 + 5];
        new Random(9).nextBytes(bytes);
        for (long hint : new long[] {0, 1000, bytes.length, bytes.length + 77, 64L * 1024 * 1024}) {
            Fingerprinted kept = Fingerprinter.of(new java.io.ByteArrayInputStream(bytes), hint, 8 * 1024 * 1024);
            assertThat(kept.content()).as("hint %d", hint).hasValueSatisfying(content -> assertThat(content).isEqualTo(bytes));
            assertThat(kept.fingerprint()).isEqualTo(Fingerprinter.of(bytes));
        }
        for (long hint : new long[] {0, bytes.length}) {
            assertThat(Fingerprinter.of(new java.io.ByteArrayInputStream(bytes), hint, bytes.length).content())
                    .hasValueSatisfying(content -> assertThat(content).isEqualTo(bytes));
            assertThat(Fingerprinter.of(new java.io.ByteArrayInputStream(bytes), hint, bytes.length - 1).content()).isEmpty();
        }
    }
}
