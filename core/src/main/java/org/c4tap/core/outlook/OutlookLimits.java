package org.c4tap.core.outlook;

/**
 * Bounds on reading an Outlook file, so that a hostile {@code .msg} or {@code winmail.dat} costs
 * bounded time and memory. Past a bound the rest is left unread and a {@code limit_exceeded} note
 * says so.
 *
 * @param maxInputBytes    the largest file read at all
 * @param maxAttachments   how many attachments are read in all, embedded messages' included
 * @param maxEmbeddedDepth how deeply attached messages may nest inside the outermost one
 * @param maxPropertyBytes the largest text, HTML, RTF or header property kept; longer ones are cut.
 *                         Attachment data is bounded by {@code maxInputBytes} instead, since a cut
 *                         attachment would carry a false hash.
 */
public record OutlookLimits(int maxInputBytes, int maxAttachments, int maxEmbeddedDepth, int maxPropertyBytes) {

    public static final OutlookLimits STANDARD = new OutlookLimits(50 * 1024 * 1024, 500, 5, 8 * 1024 * 1024);

    public OutlookLimits {
        if (maxInputBytes < 1 || maxAttachments < 0 || maxEmbeddedDepth < 0 || maxPropertyBytes < 1) {
            throw new IllegalArgumentException("Outlook read limits must not be negative, sizes must be positive");
        }
    }
}
