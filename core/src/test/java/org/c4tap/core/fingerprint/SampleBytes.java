package org.c4tap.core.fingerprint;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Deterministic inputs for the fuzzy hash tests. {@link Random} is used on purpose: its algorithm
 * is fixed by its specification, so the bytes (and the reference digests recorded for them) stay
 * the same on every JDK.
 */
final class SampleBytes {

    private static final String[] WORDS = {
        "the", "report", "operator", "council", "attachment", "suspicious", "message", "sender",
        "received", "header", "macro", "invoice", "password", "archive", "analysis", "of", "and",
        "to", "from", "with", "a", "was", "is", "for", "on", "targeted", "attack", "incident",
    };

    private SampleBytes() {
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] filled(int size, int value) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    /** {@code text} repeated (and cut) to exactly {@code size} bytes. */
    static byte[] repeated(String text, int size) {
        return repeated(text.getBytes(StandardCharsets.US_ASCII), size);
    }

    /** {@code unit} repeated (and cut) to exactly {@code size} bytes. */
    static byte[] repeated(byte[] unit, int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = unit[i % unit.length];
        }
        return bytes;
    }

    /** Numbered lines of English-like prose, about 60 bytes a line. */
    static byte[] asciiDocument(int lines, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        for (int line = 1; line <= lines; line++) {
            text.append(line).append('.');
            int words = 6 + random.nextInt(8);
            for (int w = 0; w < words; w++) {
                text.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
            }
            text.append(random.nextInt(5) == 0 ? ".\r\n\r\n" : ".\r\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] concat(byte[]... parts) {
        int size = 0;
        for (byte[] part : parts) {
            size += part.length;
        }
        byte[] bytes = new byte[size];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, bytes, at, part.length);
            at += part.length;
        }
        return bytes;
    }
}
