package org.c4tap.core.fingerprint;

import java.util.Objects;

/**
 * The context-triggered piecewise hash (spamsum) of a stream, exactly as the {@code ssdeep} tool
 * (2.13 and later, without {@code -d}-style sequence elimination) prints it:
 * {@code blocksize:signature:signature}.
 *
 * <p>The stream length is not known while hashing, so the signature of every candidate block size
 * is built in the same single pass and the block size is chosen at the end, as ssdeep itself does.
 * Memory is fixed (a few kilobytes) whatever the input; nothing of the input is kept.
 *
 * <p>Single use: feed the bytes with {@link #update}, then call {@link #digest} once.
 */
public final class Ssdeep {

    private static final int WINDOW = 7;
    private static final int MIN_BLOCK_SIZE = 3;
    private static final int SIGNATURE_LENGTH = 64;
    private static final int HALF_LENGTH = SIGNATURE_LENGTH / 2;
    private static final int BLOCK_SIZES = 31;
    private static final int PIECE_HASH_INIT = 0x27;
    /** The low six bits of the 32-bit FNV prime, all that matters for a six-bit piece hash. */
    private static final int FNV_PRIME_LOW = 0x13;
    private static final long LANES_OF_SIX_BITS = 0x003f_003f_003f_003fL;
    private static final long EVERY_LANE = 0x0001_0001_0001_0001L;
    private static final long MAX_SIZE = blockSize(BLOCK_SIZES - 1) * SIGNATURE_LENGTH;
    private static final byte[] BASE64 =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    // The rolling hash over the last WINDOW bytes: plain sum, position-weighted sum, shift-xor.
    private int sum;
    private int weightedSum;
    private int shiftXor;
    /** The last WINDOW bytes, newest in the lowest byte. */
    private long window;

    /*
     * Per block size index i (block size 3 << i): the running piece hash, the piece hash that
     * stops being reset once the signature is half full (for the truncated second signature),
     * the signature so far, and the signature characters emitted at its last position.
     * Slot BLOCK_SIZES has only piece hashes: it stands for a block size too large to ever
     * trigger, whose hash ssdeep appends when the largest block size is chosen.
     *
     * Every byte updates the piece hashes of all live block sizes, so they are packed four to a
     * long, in 16-bit lanes: slot i's piece hash in lane 2 * (i % 2) of word i / 2 and its half
     * piece hash in the lane above. A six-bit hash times 19 stays below 2^16, so one
     * multiplication updates four hashes without carrying into a neighbouring lane.
     */
    private final long[] pieceHashes = new long[(BLOCK_SIZES + 2) / 2];
    private final int[] signatureLength = new int[BLOCK_SIZES];
    /** Signature i at [i * 64, i * 64 + 63); its byte 63 holds the character of the last piece. */
    private final byte[] signatures = new byte[BLOCK_SIZES * SIGNATURE_LENGTH];
    private final byte[] halfLastCharacter = new byte[BLOCK_SIZES];

    /** Smallest block size index still able to be chosen. */
    private int first;
    /** One past the largest block size index that has been started. */
    private int started = 1;
    /** One past the largest slot whose piece hashes are kept up to date. */
    private int hashed = 1;
    /** Low bits of (rolling hash + 1) / 3 that must be zero to reach the smallest live size. */
    private int rollMask;
    /** The size beyond which the smallest live block size is no longer the initial guess. */
    private long reduceBorder = (long) MIN_BLOCK_SIZE * SIGNATURE_LENGTH;
    private long size;
    private boolean digested;

    public Ssdeep() {
        setPieceHashes(0, PIECE_HASH_INIT, PIECE_HASH_INIT);
    }

    /** Adds {@code length} bytes of {@code bytes} from {@code offset}. */
    public void update(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        requireNotDigested();
        size = Math.min(size + length, MAX_SIZE + 1);
        int h1 = sum;
        int h2 = weightedSum;
        int h3 = shiftXor;
        long last = window;
        long[] hashes = pieceHashes;
        int from = first >>> 1;
        int to = (hashed + 1) >>> 1;
        int mask = rollMask;
        for (int p = offset, end = offset + length; p < end; p++) {
            int c = bytes[p] & 0xff;
            h2 += WINDOW * c - h1;
            h1 += c - ((int) (last >>> (8 * (WINDOW - 1))) & 0xff);
            last = last << 8 | c;
            h3 = h3 << 5 ^ c;
            long lanes = c * EVERY_LANE;
            for (int w = from; w < to; w++) {
                hashes[w] = (hashes[w] * FNV_PRIME_LOW ^ lanes) & LANES_OF_SIX_BITS;
            }
            long trigger = (h1 + h2 + h3 + 1) & 0xffffffffL;
            // Exact unsigned division by 3 for 32-bit values; a zero trigger never splits.
            long third = (trigger * 0xAAAAAAABL) >>> 33;
            if (trigger != 0 && (third & mask) == 0 && third * MIN_BLOCK_SIZE == trigger) {
                endPieces((int) third);
                from = first >>> 1;
                to = (hashed + 1) >>> 1;
                mask = rollMask;
            }
        }
        sum = h1;
        weightedSum = h2;
        shiftXor = h3;
        window = last;
    }

    /**
     * Ends the piece of every block size 3·2<sup>i</sup> that divides the trigger value; {@code
     * third} is the trigger divided by 3.
     */
    private void endPieces(int third) {
        int bits = third >>> first;
        for (int i = first; i < started; i++) {
            int length = signatureLength[i];
            if (length == 0) {
                startNextBlockSize();
            }
            byte character = BASE64[pieceHash(i)];
            halfLastCharacter[i] = BASE64[halfPieceHash(i)];
            if (length < SIGNATURE_LENGTH - 1) {
                signatures[i * SIGNATURE_LENGTH + length] = character;
                signatureLength[i] = ++length;
                if (length < HALF_LENGTH) {
                    setPieceHashes(i, PIECE_HASH_INIT, PIECE_HASH_INIT);
                    halfLastCharacter[i] = 0;
                } else {
                    setPieceHashes(i, PIECE_HASH_INIT, halfPieceHash(i));
                }
            } else {
                // A full signature folds the remaining pieces into its last character.
                signatures[i * SIGNATURE_LENGTH + SIGNATURE_LENGTH - 1] = character;
                dropSmallestBlockSize();
            }
            if ((bits & 1) != 0) {
                break;
            }
            bits >>>= 1;
        }
    }

    /**
     * The first piece of the largest started block size ends: the next block size starts, with
     * the piece hash of everything read so far.
     */
    private void startNextBlockSize() {
        int parent = started - 1;
        if (started < BLOCK_SIZES) {
            setPieceHashes(started, pieceHash(parent), halfPieceHash(parent));
            started++;
            hashed = started;
        } else if (hashed == BLOCK_SIZES) {
            setPieceHashes(BLOCK_SIZES, pieceHash(parent), halfPieceHash(parent));
            hashed = BLOCK_SIZES + 1;
        }
    }

    /**
     * Stops tracking the smallest block size once the input is already too long for it and the
     * next block size has a signature long enough to be preferred.
     */
    private void dropSmallestBlockSize() {
        if (started - first < 2
                || reduceBorder >= size
                || signatureLength[first + 1] < HALF_LENGTH) {
            return;
        }
        first++;
        reduceBorder *= 2;
        rollMask = rollMask * 2 + 1;
    }

    /**
     * The hash as {@code ssdeep} prints it, e.g. {@code 3:E:E} for the single byte {@code a}.
     * Inputs longer than 3·2<sup>30</sup>·64 bytes, which ssdeep refuses, get the hash of the
     * largest block size.
     */
    public String digest() {
        requireNotDigested();
        digested = true;
        int rolling = sum + weightedSum + shiftXor;
        int index = first;
        while (index < BLOCK_SIZES - 1 && blockSize(index) * SIGNATURE_LENGTH < size) {
            index++;
        }
        index = Math.min(index, started - 1);
        while (index > first && signatureLength[index] < HALF_LENGTH) {
            index--;
        }
        StringBuilder out = new StringBuilder(2 * SIGNATURE_LENGTH + 16);
        out.append(blockSize(index)).append(':');
        appendSignature(out, index, signatureLength[index]);
        if (rolling != 0) {
            out.append((char) BASE64[pieceHash(index)]);
        } else {
            appendIfSet(out, signatures[index * SIGNATURE_LENGTH + SIGNATURE_LENGTH - 1]);
        }
        out.append(':');
        if (index < started - 1) {
            int next = index + 1;
            appendSignature(out, next, Math.min(signatureLength[next], HALF_LENGTH - 1));
            if (rolling != 0) {
                out.append((char) BASE64[halfPieceHash(next)]);
            } else {
                appendIfSet(out, halfLastCharacter[next]);
            }
        } else if (rolling != 0) {
            // Only the smallest or the largest block size can be last; the largest borrows the
            // hash of the block size that never triggers.
            out.append((char) BASE64[pieceHash(hashed > started ? started : index)]);
        }
        return out.toString();
    }

    private int pieceHash(int slot) {
        return (int) (pieceHashes[slot >>> 1] >>> laneShift(slot)) & 0x3f;
    }

    private int halfPieceHash(int slot) {
        return (int) (pieceHashes[slot >>> 1] >>> (laneShift(slot) + 16)) & 0x3f;
    }

    private void setPieceHashes(int slot, int hash, int halfHash) {
        int shift = laneShift(slot);
        long word = pieceHashes[slot >>> 1] & ~(0xffff_ffffL << shift);
        pieceHashes[slot >>> 1] = word | ((long) halfHash << 16 | hash) << shift;
    }

    private static int laneShift(int slot) {
        return (slot & 1) * 32;
    }

    private void appendSignature(StringBuilder out, int index, int length) {
        int start = index * SIGNATURE_LENGTH;
        for (int i = start; i < start + length; i++) {
            out.append((char) signatures[i]);
        }
    }

    private static void appendIfSet(StringBuilder out, byte character) {
        if (character != 0) {
            out.append((char) character);
        }
    }

    private static long blockSize(int index) {
        return (long) MIN_BLOCK_SIZE << index;
    }

    private void requireNotDigested() {
        if (digested) {
            throw new IllegalStateException("digest() was already called");
        }
    }
}
