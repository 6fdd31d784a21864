package org.c4tap.core.fingerprint;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;

/**
 * Computes every digest and fuzzy hash of a stream in one pass over its bytes: MD5, SHA-1, SHA-256,
 * SHA-512, ssdeep and TLSH. The bytes are read once and, unless the caller asks to keep them for
 * inspection, never kept. Large streams are hashed on two cores: the hashes are split into two
 * groups of about equal cost that run side by side on each chunk.
 */
public final class Fingerprinter {

    private static final int CHUNK = 1024 * 1024;
    /** Below this a second thread costs more than it saves. */
    private static final long PARALLEL_FROM = 4L * 1024 * 1024;

    private Fingerprinter() {
    }

    /** Reads {@code in} to its end; the caller closes it. */
    public static Fingerprint of(InputStream in) throws IOException {
        return of(in, 0, 0).fingerprint();
    }

    public static Fingerprint of(byte[] bytes) {
        Hashes hashes = new Hashes(bytes.length >= PARALLEL_FROM);
        hashes.update(bytes, 0, bytes.length);
        return hashes.fingerprint(bytes.length);
    }

    /**
     * The fingerprint of bytes already in memory and, when there are at most {@code keepUpTo} of
     * them, those same bytes (not a copy) for inspection.
     */
    public static Fingerprinted of(byte[] bytes, int keepUpTo) {
        Fingerprint fingerprint = of(bytes);
        return new Fingerprinted(fingerprint, bytes.length <= keepUpTo ? Optional.of(bytes) : Optional.empty());
    }

    /**
     * Reads {@code in} to its end and also keeps its bytes when there are at most {@code keepUpTo}
     * of them, for inspection without a second read. Bytes to keep are read straight into the
     * kept copy and hashed there; the others pass through a buffer of at most 1 MiB.
     *
     * @param expectedSize a size hint (such as the encoded size of a MIME part) so the kept copy is
     *                     allocated once rather than grown, and large streams use two cores; when
     *                     it is exact, the kept copy is the only one ever made (otherwise it is
     *                     trimmed to size at the end, a second copy)
     */
    public static Fingerprinted of(InputStream in, long expectedSize, int keepUpTo) throws IOException {
        Hashes hashes = new Hashes(expectedSize >= PARALLEL_FROM);
        // a stream expected to be larger than keepUpTo will most likely not be kept: start small
        byte[] kept = keepUpTo <= 0 ? null
                : new byte[(int) (expectedSize > 0 && expectedSize <= keepUpTo ? expectedSize : Math.min(keepUpTo, CHUNK))];
        int streaming = (int) Math.max(8192, Math.min(CHUNK, expectedSize > 0 ? expectedSize : CHUNK));
        byte[] buffer = null;
        long size = 0;
        while (true) {
            boolean intoKept = kept != null && size < kept.length;
            byte[] target;
            int offset;
            int room;
            if (intoKept) {
                target = kept;
                offset = (int) size;
                room = (int) Math.min(CHUNK, kept.length - size);
            } else {
                // the kept copy is full: a small read tells whether the stream has ended before it grows
                int wanted = kept != null ? 8192 : streaming;
                if (buffer == null || buffer.length < wanted) {
                    buffer = new byte[wanted];
                }
                target = buffer;
                offset = 0;
                room = wanted;
            }
            int read = in.readNBytes(target, offset, room);
            if (read == 0) {
                break;
            }
            hashes.update(target, offset, read);
            if (!intoKept && kept != null) {
                if (size + read > keepUpTo) {
                    kept = null;
                } else {
                    kept = Arrays.copyOf(kept, (int) Math.min(keepUpTo, Math.max(size + read + CHUNK, size * 2)));
                    System.arraycopy(buffer, 0, kept, (int) size, read);
                }
            }
            size += read;
        }
        Optional<byte[]> content = kept == null ? Optional.empty()
                : Optional.of(kept.length == size ? kept : Arrays.copyOf(kept, (int) size));
        return new Fingerprinted(hashes.fingerprint(size), content);
    }

    /**
     * The six hashes of one stream, updated in two groups of about equal cost, which run side by
     * side on two cores when there are two and the stream is large.
     */
    private static final class Hashes {
        private final MessageDigest md5 = digest("MD5");
        private final MessageDigest sha1 = digest("SHA-1");
        private final MessageDigest sha256 = digest("SHA-256");
        private final MessageDigest sha512 = digest("SHA-512");
        private final Ssdeep ssdeep = new Ssdeep();
        private final Tlsh tlsh = new Tlsh();
        private final boolean parallel;

        Hashes(boolean large) {
            this.parallel = large && ForkJoinPool.getCommonPoolParallelism() > 1;
        }

        void update(byte[] bytes, int offset, int length) {
            if (parallel) {
                CompletableFuture<Void> other = CompletableFuture.runAsync(() -> firstGroup(bytes, offset, length));
                secondGroup(bytes, offset, length);
                other.join();
            } else {
                firstGroup(bytes, offset, length);
                secondGroup(bytes, offset, length);
            }
        }

        private void firstGroup(byte[] bytes, int offset, int length) {
            md5.update(bytes, offset, length);
            sha1.update(bytes, offset, length);
            ssdeep.update(bytes, offset, length);
        }

        private void secondGroup(byte[] bytes, int offset, int length) {
            sha256.update(bytes, offset, length);
            sha512.update(bytes, offset, length);
            tlsh.update(bytes, offset, length);
        }

        Fingerprint fingerprint(long size) {
            HexFormat hex = HexFormat.of();
            return new Fingerprint(size, hex.formatHex(md5.digest()), hex.formatHex(sha1.digest()), hex.formatHex(sha256.digest()),
                    hex.formatHex(sha512.digest()), ssdeep.digest(), tlsh.digest().orElse(""));
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
