package org.c4tap.core.submission;

/**
 * Bounds on reading a submission, so that hostile mail costs bounded time and memory. Past a
 * bound, the rest is left unread and a note says so.
 *
 * @param maxDepth     how deeply multiparts and attached messages may nest
 * @param maxParts     how many MIME parts are read in all
 * @param maxTextChars how many characters of a text body are kept
 */
public record ReadLimits(int maxDepth, int maxParts, int maxTextChars) {

    public static final ReadLimits STANDARD = new ReadLimits(20, 1000, 1_000_000);

    public ReadLimits {
        if (maxDepth < 1 || maxParts < 1 || maxTextChars < 1) {
            throw new IllegalArgumentException("read limits must be positive");
        }
    }
}
