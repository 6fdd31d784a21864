package org.c4tap.core.fingerprint;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Computes every digest of a stream in one pass, holding only one buffer: the bytes are read once
 * and, unless the caller asks to keep them for inspection, never kept.
 */
public final class Fingerprinter {

    private static final int BUFFER = 64 * 1024;

    private Fingerprinter() {
    }

    /** Reads {@code in} to its end; the caller closes it. */
    public static Fingerprint of(InputStream in) throws IOException {
        return of(in, 0, 0).fingerprint();
    }

    public static Fingerprint of(byte[] bytes) {
        try {
            return of(new ByteArrayInputStream(bytes));
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * Reads {@code in} to its end and also keeps its bytes when there are at most {@code keepUpTo}
     * of them, for inspection without a second read.
     *
     * @param expectedSize a size hint (such as the encoded size of a MIME part) so the kept copy is
     *                     allocated once rather than grown
     */
    public static Fingerprinted of(InputStream in, long expectedSize, int keepUpTo) throws IOException {
        MessageDigest md5 = digest("MD5");
        MessageDigest sha1 = digest("SHA-1");
        MessageDigest sha256 = digest("SHA-256");
        MessageDigest sha512 = digest("SHA-512");
        byte[] buffer = new byte[BUFFER];
        byte[] kept = keepUpTo > 0 ? new byte[(int) Math.min(keepUpTo, Math.max(BUFFER, expectedSize))] : null;
        long size = 0;
        for (int read; (read = in.read(buffer)) != -1; ) {
            md5.update(buffer, 0, read);
            sha1.update(buffer, 0, read);
            sha256.update(buffer, 0, read);
            sha512.update(buffer, 0, read);
            if (kept != null) {
                if (size + read > keepUpTo) {
                    kept = null;
                } else {
                    if (size + read > kept.length) {
                        kept = Arrays.copyOf(kept, (int) Math.min(keepUpTo, Math.max(size + read, kept.length * 2L)));
                    }
                    System.arraycopy(buffer, 0, kept, (int) size, read);
                }
            }
            size += read;
        }
        HexFormat hex = HexFormat.of();
        Fingerprint fingerprint = new Fingerprint(size, hex.formatHex(md5.digest()), hex.formatHex(sha1.digest()),
                hex.formatHex(sha256.digest()), hex.formatHex(sha512.digest()));
        Optional<byte[]> content = kept == null ? Optional.empty()
                : Optional.of(kept.length == size ? kept : Arrays.copyOf(kept, (int) size));
        return new Fingerprinted(fingerprint, content);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }
}
