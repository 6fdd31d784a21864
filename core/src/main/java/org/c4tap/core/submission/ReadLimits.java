package org.c4tap.core.submission;

/**
 * Bounds on reading a submission, so that hostile mail costs bounded time and memory. Past a
 * bound, the rest is left unread and a note says so. Immutable; {@link #STANDARD} suits a gateway.
 *
 * @param maxMessageBytes   the largest submission read at all
 * @param maxHeaderBytes    the largest header section considered per message
 * @param maxDepth          how deeply multiparts and attached messages may nest
 * @param maxParts          how many MIME parts are read per message
 * @param maxReportedMails  how many reported mails one submission may carry
 * @param maxTextChars      how many characters of a text body are kept for analysis
 * @param maxHeaderFields   how many header fields are kept per reported mail
 * @param maxInspectedBytes the largest attachment whose content is inspected (archives, macros,
 *                          scripts); larger ones are only hashed
 * @param maxSpamBytes      the largest reported mail handed to the spam filter
 */
public record ReadLimits(
        long maxMessageBytes,
        int maxHeaderBytes,
        int maxDepth,
        int maxParts,
        int maxReportedMails,
        int maxTextChars,
        int maxHeaderFields,
        int maxInspectedBytes,
        int maxSpamBytes) {

    public static final ReadLimits STANDARD = new ReadLimits(64L * 1024 * 1024, 1024 * 1024, 20, 2000, 20, 1_000_000, 300,
            64 * 1024 * 1024, 512 * 1024);

    public ReadLimits {
        if (maxMessageBytes < 1 || maxHeaderBytes < 1 || maxDepth < 1 || maxParts < 1 || maxReportedMails < 1
                || maxTextChars < 1 || maxHeaderFields < 1 || maxInspectedBytes < 0 || maxSpamBytes < 0) {
            throw new IllegalArgumentException("read limits must be positive");
        }
    }

    public ReadLimits withDepth(int depth) {
        return new ReadLimits(maxMessageBytes, maxHeaderBytes, depth, maxParts, maxReportedMails, maxTextChars, maxHeaderFields,
                maxInspectedBytes, maxSpamBytes);
    }

    public ReadLimits withParts(int parts) {
        return new ReadLimits(maxMessageBytes, maxHeaderBytes, maxDepth, parts, maxReportedMails, maxTextChars, maxHeaderFields,
                maxInspectedBytes, maxSpamBytes);
    }
}
