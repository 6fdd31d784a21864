package org.c4tap.core.fingerprint;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The context-triggered piecewise hash (spamsum) of a stream, exactly as the {@code ssdeep} tool
 * (2.13 and later) prints it: {@code blocksize:signature:signature}, without shortening runs of
 * identical characters (the tool does not).
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
    private static final long MAX_SIZE = blockSize(BLOCK_SIZES - 1) * SIGNATURE_LENGTH;
    private static final byte[] BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
            .getBytes(StandardCharsets.US_ASCII);

    /*
     * Every byte updates the six-bit piece hash of every live block size, which is the bulk of the
     * work. The hashes are therefore packed in 16-bit lanes, four slots to a long: a six-bit hash
     * times 19 stays below 2^16, so one multiplication updates four hashes without carrying into
     * a neighbouring lane. Slot i is lane i % 4 of word i / 4.
     */
    private static final int SLOTS_PER_WORD = 4;
    private static final int LANE_BITS = 16;
    private static final long EVERY_LANE = 0x0001_0001_0001_0001L;
    private static final long SIX_BITS_PER_LANE = 0x003f_003f_003f_003fL;
    /** Words of piece hashes (and of half piece hashes) the fast loop keeps in local variables. */
    private static final int PIECE_WORDS_IN_LOOP = 4;
    private static final int HALF_WORDS_IN_LOOP = 2;
    /** Slots 0 to 30 are block sizes; slot 31 is explained at {@link #pieceHashes}. */
    private static final int WORDS = (BLOCK_SIZES + 1) / SLOTS_PER_WORD;

    // The rolling hash over the last WINDOW bytes: plain sum, position-weighted sum, shift-xor.
    private int sum;
    private int weightedSum;
    private int shiftXor;
    /** The last WINDOW bytes, newest in the lowest byte. */
    private long window;

    /*
     * Per slot i, that is block size 3 << i: the hash of the current piece, in pieceHashes; the
     * same hash but no longer reset once the signature is half full (it ends the truncated second
     * signature), in halfPieceHashes and only meaningful from then on, before which it equals the
     * piece hash; the signature so far; the character of the last piece when the signature is
     * full; and the character the half hash had when the last piece ended. Slot 31 has only a
     * piece hash: it stands for the block size too large to ever end a piece, whose hash ssdeep
     * appends when it picks the largest block size. The arrays have room for the words the fast
     * loop reads past the live ones.
     */
    private final long[] pieceHashes = new long[WORDS + PIECE_WORDS_IN_LOOP - 1];
    private final long[] halfPieceHashes = new long[WORDS + HALF_WORDS_IN_LOOP - 1];
    private final int[] signatureLength = new int[BLOCK_SIZES];
    /** Signature i at [i * 64, i * 64 + 63); its byte 63 holds the character of the last piece. */
    private final byte[] signatures = new byte[BLOCK_SIZES * SIGNATURE_LENGTH];
    private final byte[] halfLastCharacter = new byte[BLOCK_SIZES];

    /** Smallest slot still able to be chosen. */
    private int first;
    /** One past the largest block size that has been started. */
    private int started = 1;
    /** One past the largest slot whose piece hash is kept up to date. */
    private int hashed = 1;
    /** One past the largest slot whose half piece hash is no longer reset. */
    private int halfFull;
    /** The size beyond which the smallest live block size is no longer the initial guess. */
    private long reduceBorder = (long) MIN_BLOCK_SIZE * SIGNATURE_LENGTH;
    private long size;
    private boolean digested;

    public Ssdeep() {
        setPieceHash(0, PIECE_HASH_INIT);
    }

    /** Adds {@code length} bytes of {@code bytes} from {@code offset}. */
    public void update(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        requireNotDigested();
        size = Math.min(size + length, MAX_SIZE + 1);
        int end = offset + length;
        // The live block sizes change only where a piece ends, so each stretch up to there is
        // hashed by the loop that suits it.
        for (int p = offset; p < end; ) {
            int base = first / SLOTS_PER_WORD;
            int pieceWords = (hashed - 1) / SLOTS_PER_WORD - base + 1;
            int halfWords = halfFull > first ? (halfFull - 1) / SLOTS_PER_WORD - base + 1 : 0;
            p = pieceWords <= PIECE_WORDS_IN_LOOP && halfWords <= HALF_WORDS_IN_LOOP
                    ? hashInLocals(bytes, p, end)
                    : hashInArrays(bytes, p, end, pieceWords, halfWords);
        }
    }

    /**
     * Hashes from {@code p} up to the end of the next piece, or to {@code end}, and returns where
     * it stopped; the live hashes fit the words kept in local variables.
     */
    private int hashInLocals(byte[] bytes, int p, int end) {
        int base = first / SLOTS_PER_WORD;
        long piece0 = pieceHashes[base];
        long piece1 = pieceHashes[base + 1];
        long piece2 = pieceHashes[base + 2];
        long piece3 = pieceHashes[base + 3];
        long half0 = halfPieceHashes[base];
        long half1 = halfPieceHashes[base + 1];
        int h1 = sum;
        int h2 = weightedSum;
        int h3 = shiftXor;
        long last = window;
        int lowBits = (1 << first) - 1;
        int trigger = 0;
        boolean pieceEnds = false;
        while (p < end && !pieceEnds) {
            int c = bytes[p++] & 0xff;
            h2 += WINDOW * c - h1;
            h1 += c - ((int) (last >>> 8 * (WINDOW - 1)) & 0xff);
            last = last << 8 | c;
            h3 = h3 << 5 ^ c;
            long lanes = c * EVERY_LANE;
            piece0 = (piece0 * FNV_PRIME_LOW ^ lanes) & SIX_BITS_PER_LANE;
            piece1 = (piece1 * FNV_PRIME_LOW ^ lanes) & SIX_BITS_PER_LANE;
            piece2 = (piece2 * FNV_PRIME_LOW ^ lanes) & SIX_BITS_PER_LANE;
            piece3 = (piece3 * FNV_PRIME_LOW ^ lanes) & SIX_BITS_PER_LANE;
            half0 = (half0 * FNV_PRIME_LOW ^ lanes) & SIX_BITS_PER_LANE;
            half1 = (half1 * FNV_PRIME_LOW ^ lanes) & SIX_BITS_PER_LANE;
            trigger = h1 + h2 + h3 + 1;
            pieceEnds = (trigger & lowBits) == 0 && endsPiece(trigger);
        }
        sum = h1;
        weightedSum = h2;
        shiftXor = h3;
        window = last;
        pieceHashes[base] = piece0;
        pieceHashes[base + 1] = piece1;
        pieceHashes[base + 2] = piece2;
        pieceHashes[base + 3] = piece3;
        halfPieceHashes[base] = half0;
        halfPieceHashes[base + 1] = half1;
        if (pieceEnds) {
            endPieces(trigger);
        }
        return p;
    }

    /** The same as {@link #hashInLocals} for live hashes spread over more words. */
    private int hashInArrays(byte[] bytes, int p, int end, int pieceWords, int halfWords) {
        int base = first / SLOTS_PER_WORD;
        int h1 = sum;
        int h2 = weightedSum;
        int h3 = shiftXor;
        long last = window;
        int lowBits = (1 << first) - 1;
        int trigger = 0;
        boolean pieceEnds = false;
        while (p < end && !pieceEnds) {
            int c = bytes[p++] & 0xff;
            h2 += WINDOW * c - h1;
            h1 += c - ((int) (last >>> 8 * (WINDOW - 1)) & 0xff);
            last = last << 8 | c;
            h3 = h3 << 5 ^ c;
            long lanes = c * EVERY_LANE;
            for (int w = base; w < base + pieceWords; w++) {
                pieceHashes[w] = (pieceHashes[w] * FNV_PRIME_LOW ^ lanes) & SIX_BITS_PER_LANE;
            }
            for (int w = base; w < base + halfWords; w++) {
                halfPieceHashes[w] = (halfPieceHashes[w] * FNV_PRIME_LOW ^ lanes) & SIX_BITS_PER_LANE;
            }
            trigger = h1 + h2 + h3 + 1;
            pieceEnds = (trigger & lowBits) == 0 && endsPiece(trigger);
        }
        sum = h1;
        weightedSum = h2;
        shiftXor = h3;
        window = last;
        if (pieceEnds) {
            endPieces(trigger);
        }
        return p;
    }

    /**
     * Whether the rolling hash + 1 ends a piece of the smallest live block size 3·2<sup>first</sup>,
     * given that its low {@code first} bits are zero: it must be a multiple of 3, and not zero
     * (ssdeep skips the rolling hash 0xffffffff, where the sum wraps).
     */
    private static boolean endsPiece(int trigger) {
        // Multiplying by the inverse of 3 modulo 2^32 maps exactly the multiples of 3 to
        // [0, 0x55555555].
        return trigger != 0 && Integer.compareUnsigned(trigger * 0xAAAAAAAB, 0x55555555) <= 0;
    }

    /** Ends the piece of every live block size 3·2<sup>i</sup> that divides {@code trigger}. */
    private void endPieces(int trigger) {
        int bits = Integer.divideUnsigned(trigger, MIN_BLOCK_SIZE) >>> first;
        for (int i = first; i < started; i++) {
            int length = signatureLength[i];
            if (length == 0) {
                startNextBlockSize();
            }
            int hash = pieceHash(i);
            byte character = BASE64[hash];
            halfLastCharacter[i] = BASE64[halfPieceHash(i)];
            if (length < SIGNATURE_LENGTH - 1) {
                signatures[i * SIGNATURE_LENGTH + length] = character;
                signatureLength[i] = ++length;
                setPieceHash(i, PIECE_HASH_INIT);
                if (length < HALF_LENGTH) {
                    halfLastCharacter[i] = 0;
                } else if (length == HALF_LENGTH) {
                    // From now on the half hash goes its own way, starting from this piece.
                    setHalfPieceHash(i, hash);
                    halfFull = Math.max(halfFull, i + 1);
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
            setPieceHash(started, pieceHash(parent));
            started++;
            hashed = started;
        } else if (hashed == BLOCK_SIZES) {
            setPieceHash(BLOCK_SIZES, pieceHash(parent));
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
    }

    private int pieceHash(int slot) {
        return lane(pieceHashes, slot);
    }

    private int halfPieceHash(int slot) {
        return slot < BLOCK_SIZES && signatureLength[slot] >= HALF_LENGTH
                ? lane(halfPieceHashes, slot)
                : pieceHash(slot);
    }

    private void setPieceHash(int slot, int hash) {
        setLane(pieceHashes, slot, hash);
    }

    private void setHalfPieceHash(int slot, int hash) {
        setLane(halfPieceHashes, slot, hash);
    }

    private static int lane(long[] words, int slot) {
        return (int) (words[slot / SLOTS_PER_WORD] >>> laneShift(slot)) & 0x3f;
    }

    private static void setLane(long[] words, int slot, int hash) {
        int shift = laneShift(slot);
        int word = slot / SLOTS_PER_WORD;
        words[word] = words[word] & ~(0xffffL << shift) | (long) hash << shift;
    }

    private static int laneShift(int slot) {
        return slot % SLOTS_PER_WORD * LANE_BITS;
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
            // Only the smallest or the largest block size can be the last started one; the
            // largest borrows the hash of the block size that never ends a piece.
            out.append((char) BASE64[pieceHash(hashed > started ? started : index)]);
        }
        return out.toString();
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
