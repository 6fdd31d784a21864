package org.c4tap.core.inspection;

import java.util.Random;

/**
 * The traditional PKWARE zip cipher ("ZipCrypto"), as the APPNOTE specifies it, to write the
 * password-protected zips of PPAP mails. Weak, and therefore still everywhere.
 */
final class ZipCrypto {

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

    private ZipCrypto(byte[] password) {
        for (byte b : password) {
            update(b);
        }
    }

    /**
     * Encrypts compressed data the way an encrypting zip tool does: a 12-byte header of random
     * bytes ending with the CRC's high byte (the password check), then the data.
     */
    static byte[] encrypt(byte[] password, byte[] compressed, long crc, Random random) {
        ZipCrypto cipher = new ZipCrypto(password);
        byte[] header = new byte[12];
        random.nextBytes(header);
        header[11] = (byte) (crc >>> 24);
        byte[] out = new byte[12 + compressed.length];
        for (int i = 0; i < 12; i++) {
            out[i] = cipher.encrypt(header[i]);
        }
        for (int i = 0; i < compressed.length; i++) {
            out[12 + i] = cipher.encrypt(compressed[i]);
        }
        return out;
    }

    static byte[] decrypt(byte[] password, byte[] encrypted) {
        ZipCrypto cipher = new ZipCrypto(password);
        byte[] out = new byte[encrypted.length - 12];
        for (int i = 0; i < encrypted.length; i++) {
            byte plain = (byte) (encrypted[i] ^ cipher.keyStream());
            cipher.update(plain);
            if (i >= 12) {
                out[i - 12] = plain;
            }
        }
        return out;
    }

    private byte encrypt(byte plain) {
        byte encrypted = (byte) (plain ^ keyStream());
        update(plain);
        return encrypted;
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
