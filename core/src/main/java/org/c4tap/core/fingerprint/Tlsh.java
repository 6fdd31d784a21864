package org.c4tap.core.fingerprint;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The TLSH (Trend Micro locality sensitive hash) of a stream, as the reference {@code tlsh} 4.x
 * prints it with its default build: 128 buckets, a one-byte checksum, a sliding window of 5 bytes,
 * and the {@code T1} version prefix, e.g. {@code T1} followed by 70 upper-case hex digits.
 *
 * <p>Some inputs have no TLSH (the reference prints {@code TNULL}): fewer than 50 bytes, too little
 * variety to fill half the buckets, or more than 4,224,281,216 bytes (beyond the largest length
 * class). Memory is fixed (about a kilobyte) whatever the input; nothing of the input is kept.
 *
 * <p>Single use: feed the bytes with {@link #update}, then call {@link #digest} once.
 */
public final class Tlsh {

    private static final int MIN_LENGTH = 50;
    private static final long MAX_LENGTH = 4_224_281_216L;
    private static final int WINDOW = 5;
    private static final int BUCKETS = 128;
    private static final int CODE_BYTES = BUCKETS / 4;
    private static final String VERSION = "T1";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** The Pearson hash permutation TLSH uses (the table of Pearson, CACM 33(6), 1990). */
    private static final int[] PEARSON = {
        1, 87, 49, 12, 176, 178, 102, 166, 121, 193, 6, 84, 249, 230, 44, 163,
        14, 197, 213, 181, 161, 85, 218, 80, 64, 239, 24, 226, 236, 142, 38, 200,
        110, 177, 104, 103, 141, 253, 255, 50, 77, 101, 81, 18, 45, 96, 31, 222,
        25, 107, 190, 70, 86, 237, 240, 34, 72, 242, 20, 214, 244, 227, 149, 235,
        97, 234, 57, 22, 60, 250, 82, 175, 208, 5, 127, 199, 111, 62, 135, 248,
        174, 169, 211, 58, 66, 154, 106, 195, 245, 171, 17, 187, 182, 179, 0, 243,
        132, 56, 148, 75, 128, 133, 158, 100, 130, 126, 91, 13, 153, 246, 216, 219,
        119, 68, 223, 78, 83, 88, 201, 99, 122, 11, 92, 32, 136, 114, 52, 10,
        138, 30, 48, 183, 156, 35, 61, 26, 143, 74, 251, 94, 129, 162, 63, 152,
        170, 7, 115, 167, 241, 206, 3, 150, 55, 59, 151, 220, 90, 53, 23, 131,
        125, 173, 15, 238, 79, 95, 89, 16, 105, 137, 225, 224, 217, 160, 37, 123,
        118, 73, 2, 157, 46, 116, 9, 145, 134, 228, 207, 212, 202, 215, 69, 229,
        27, 188, 67, 124, 168, 252, 42, 4, 29, 108, 21, 247, 19, 205, 39, 203,
        233, 40, 186, 147, 198, 192, 155, 33, 164, 191, 98, 204, 165, 180, 117, 76,
        140, 36, 210, 172, 41, 54, 159, 8, 185, 232, 113, 196, 231, 47, 146, 120,
        51, 65, 28, 144, 254, 221, 93, 189, 194, 139, 112, 43, 71, 109, 184, 209,
    };

    // The salts of the checksum and of the six byte triplets of a window: PEARSON at 0 and at the
    // primes 2 to 13.
    private static final int CHECKSUM_SALT = 1;
    private static final int SALT_0_1_2 = 49;
    private static final int SALT_0_1_3 = 12;
    private static final int SALT_0_2_3 = 178;
    private static final int SALT_0_2_4 = 166;
    private static final int SALT_0_1_4 = 84;
    private static final int SALT_0_3_4 = 230;

    /**
     * How often each triplet hash occurred, as the reference's unsigned 32-bit counters. All 256
     * are counted, which is cheaper than testing; only the first 128 make the digest.
     */
    private final int[] counts = new int[256];
    private int checksum;
    /** The four bytes before the next one: previous1 is the last byte read. */
    private int previous1;
    private int previous2;
    private int previous3;
    private int previous4;
    private long size;
    private boolean digested;

    /** Adds {@code length} bytes of {@code bytes} from {@code offset}. */
    public void update(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        requireNotDigested();
        int p = offset;
        int end = offset + length;
        // The first WINDOW - 1 bytes of the stream only fill the window.
        while (p < end && size < WINDOW - 1) {
            previous4 = previous3;
            previous3 = previous2;
            previous2 = previous1;
            previous1 = bytes[p++] & 0xff;
            size++;
        }
        if (p < end && size <= MAX_LENGTH) {
            count(bytes, p, end);
        }
        size = Math.min(size + (end - p), MAX_LENGTH + 1);
    }

    private void count(byte[] bytes, int p, int end) {
        int[] t = PEARSON;
        int[] buckets = counts;
        int sum = checksum;
        int b1 = previous1;
        int b2 = previous2;
        int b3 = previous3;
        int b4 = previous4;
        for (; p < end; p++) {
            int b0 = bytes[p] & 0xff;
            sum = t[t[t[CHECKSUM_SALT ^ b0] ^ b1] ^ sum];
            buckets[t[t[t[SALT_0_1_2 ^ b0] ^ b1] ^ b2]]++;
            buckets[t[t[t[SALT_0_1_3 ^ b0] ^ b1] ^ b3]]++;
            buckets[t[t[t[SALT_0_2_3 ^ b0] ^ b2] ^ b3]]++;
            buckets[t[t[t[SALT_0_2_4 ^ b0] ^ b2] ^ b4]]++;
            buckets[t[t[t[SALT_0_1_4 ^ b0] ^ b1] ^ b4]]++;
            buckets[t[t[t[SALT_0_3_4 ^ b0] ^ b3] ^ b4]]++;
            b4 = b3;
            b3 = b2;
            b2 = b1;
            b1 = b0;
        }
        checksum = sum;
        previous1 = b1;
        previous2 = b2;
        previous3 = b3;
        previous4 = b4;
    }

    /**
     * The digest as the reference prints it ({@code T1} and 70 upper-case hex digits), or empty
     * where it prints {@code TNULL}.
     */
    public Optional<String> digest() {
        requireNotDigested();
        digested = true;
        if (size < MIN_LENGTH || size > MAX_LENGTH) {
            return Optional.empty();
        }
        long[] sorted = new long[BUCKETS];
        int nonEmpty = 0;
        for (int i = 0; i < BUCKETS; i++) {
            sorted[i] = Integer.toUnsignedLong(counts[i]);
            if (counts[i] != 0) {
                nonEmpty++;
            }
        }
        Arrays.sort(sorted);
        long q1 = sorted[BUCKETS / 4 - 1];
        long q2 = sorted[BUCKETS / 2 - 1];
        long q3 = sorted[BUCKETS - BUCKETS / 4 - 1];
        if (q3 == 0 || nonEmpty <= BUCKETS / 2) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(VERSION.length() + 2 * (3 + CODE_BYTES));
        out.append(VERSION);
        appendNibbleSwapped(out, checksum);
        appendNibbleSwapped(out, lengthClass(size));
        out.append(HEX[(int) (q1 * 100 / q3 % 16)]);
        out.append(HEX[(int) (q2 * 100 / q3 % 16)]);
        // Four buckets to a byte, each as its quartile (0 to 3), the last buckets first.
        for (int i = CODE_BYTES - 1; i >= 0; i--) {
            int code = 0;
            for (int j = 3; j >= 0; j--) {
                long count = Integer.toUnsignedLong(counts[4 * i + j]);
                int quartile = count > q3 ? 3 : count > q2 ? 2 : count > q1 ? 1 : 0;
                code = code << 2 | quartile;
            }
            out.append(HEX[code >>> 4]).append(HEX[code & 0xf]);
        }
        return Optional.of(out.toString());
    }

    /**
     * TLSH's logarithmic length class. The reference looks it up in a table that was computed
     * with this formula in single precision; evaluating it the same way gives the same classes
     * (it reproduces all 170 bounds of the table).
     */
    static int lengthClass(long length) {
        double log = (float) StrictMath.log((float) length);
        double lengthClass;
        if (length <= 656) {
            lengthClass = log / 0.4054651;
        } else if (length <= 3199) {
            lengthClass = log / 0.26236426 - 8.72777;
        } else {
            lengthClass = log / 0.095310180 - 62.5472;
        }
        return (int) Math.floor(lengthClass);
    }

    private static void appendNibbleSwapped(StringBuilder out, int value) {
        out.append(HEX[value & 0xf]).append(HEX[value >>> 4 & 0xf]);
    }

    private void requireNotDigested() {
        if (digested) {
            throw new IllegalStateException("digest() was already called");
        }
    }
}
