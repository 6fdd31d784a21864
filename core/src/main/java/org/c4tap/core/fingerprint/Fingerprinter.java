package org.c4tap.core.fingerprint;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Computes every digest of a stream in one pass, holding only one buffer: the bytes are read once
 * and never kept.
 */
public final class Fingerprinter {

    private static final int BUFFER = 64 * 1024;

    private Fingerprinter() {
    }

    /** Reads {@code in} to its end; the caller closes it. */
    public static Fingerprint of(InputStream in) throws IOException {
        MessageDigest md5 = digest("MD5");
        MessageDigest sha1 = digest("SHA-1");
        MessageDigest sha256 = digest("SHA-256");
        MessageDigest sha512 = digest("SHA-512");
        byte[] buffer = new byte[BUFFER];
        long size = 0;
        for (int read; (read = in.read(buffer)) != -1; ) {
            md5.update(buffer, 0, read);
            sha1.update(buffer, 0, read);
            sha256.update(buffer, 0, read);
            sha512.update(buffer, 0, read);
            size += read;
        }
        HexFormat hex = HexFormat.of();
        return new Fingerprint(size, hex.formatHex(md5.digest()), hex.formatHex(sha1.digest()),
                hex.formatHex(sha256.digest()), hex.formatHex(sha512.digest()));
    }

    public static Fingerprint of(byte[] bytes) {
        try {
            return of(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }
}
