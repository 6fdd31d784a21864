package org.c4tap.core.sample;

import java.util.Optional;
import java.util.Random;

/**
 * The traditional PKWARE zip cipher (APPNOTE 6.1), with which malware analysts password their
 * sample zips (and with which the "PPAP" zips of Japanese business mail are made). It is weak and its password is no secret: it only keeps scanners and double clicks
 * away; the S/MIME envelope around the zip is what keeps the samples confidential.
 */
public final class ZipCipher {

    /** Bytes of random header before each entry's data; the last one checks the password. */
    public static final int HEADER_BYTES = 12;

    private static final int[] CRC_TABLE = new int[256];

    static {
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
            }
            CRC_TABLE[n] = c;
        }
    }

    private int key0 = 0x12345678;
    private int key1 = 0x23456789;
    private int key2 = 0x34567890;

    private ZipCipher(byte[] password) {
        for (byte b : password) {
            update(b);
        }
    }

    /** The encryption header (random, ending with the CRC's high byte) and {@code data}, encrypted. */
    public static byte[] encrypt(byte[] password, byte[] data, long crc, Random random) {
        ZipCipher cipher = new ZipCipher(password);
        byte[] header = new byte[HEADER_BYTES];
        random.nextBytes(header);
        header[HEADER_BYTES - 1] = (byte) (crc >>> 24);
        byte[] out = new byte[HEADER_BYTES + data.length];
        for (int i = 0; i < HEADER_BYTES; i++) {
            out[i] = cipher.encrypt(header[i]);
        }
        for (int i = 0; i < data.length; i++) {
            out[HEADER_BYTES + i] = cipher.encrypt(data[i]);
        }
        return out;
    }

    /**
     * The data of an encrypted entry, or nothing when the header's check byte does not match the
     * CRC's high byte (a wrong password, in 255 cases of 256).
     */
    public static Optional<byte[]> decrypt(byte[] password, byte[] encrypted, int offset, int length, long crc) {
        if (length < HEADER_BYTES) {
            return Optional.empty();
        }
        ZipCipher cipher = new ZipCipher(password);
        byte check = 0;
        for (int i = 0; i < HEADER_BYTES; i++) {
            check = cipher.decrypt(encrypted[offset + i]);
        }
        if (check != (byte) (crc >>> 24)) {
            return Optional.empty();
        }
        byte[] out = new byte[length - HEADER_BYTES];
        for (int i = 0; i < out.length; i++) {
            out[i] = cipher.decrypt(encrypted[offset + HEADER_BYTES + i]);
        }
        return Optional.of(out);
    }

    private byte encrypt(byte plain) {
        byte encrypted = (byte) (plain ^ keyStream());
        update(plain);
        return encrypted;
    }

    private byte decrypt(byte encrypted) {
        byte plain = (byte) (encrypted ^ keyStream());
        update(plain);
        return plain;
    }

    private int keyStream() {
        int temp = (key2 | 2) & 0xFFFF;
        return (temp * (temp ^ 1)) >>> 8 & 0xFF;
    }

    private void update(byte plain) {
        key0 = crc32(key0, plain);
        key1 = (key1 + (key0 & 0xFF)) * 134775813 + 1;
        key2 = crc32(key2, (byte) (key1 >>> 24));
    }

    private static int crc32(int crc, byte b) {
        return CRC_TABLE[(crc ^ b) & 0xFF] ^ (crc >>> 8);
    }
}
