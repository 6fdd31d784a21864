package org.c4tap.core.submission;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.c4tap.core.inspection.InspectionLimits;
import org.c4tap.core.outlook.OutlookLimits;

/**
 * Every bound on reading a submission, so that hostile mail costs bounded time and memory: the
 * MIME reading, the archives inside attachments, and Outlook files. Past a bound the rest is left
 * unread and a note says so. Immutable; {@link #STANDARD} suits a gateway. The mailet's parameters
 * and the command line's {@code --limit} set each bound by its name in {@link #NAMES}, through
 * {@link #with}.
 *
 * @param maxMessageBytes   the largest submission read at all
 * @param maxHeaderBytes    the largest header section read per reported mail (cut before parsing)
 * @param maxDepth          how deeply multiparts may nest
 * @param maxParts          how many MIME parts are read per message
 * @param maxReportedMails  how many reported mails one submission may carry
 * @param maxTextChars      how many characters of a text body are kept for analysis
 * @param maxHeaderFields   how many header fields are read per reported mail (cut before parsing)
 * @param maxInspectedBytes the largest attachment whose content is inspected (archives, macros,
 *                          scripts); larger ones are only hashed
 * @param maxSpamBytes      the largest reported mail handed to the spam filter
 * @param archives          the bounds on looking into archives and documents
 * @param outlook           the bounds on reading Outlook .msg and winmail.dat files
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
        int maxSpamBytes,
        InspectionLimits archives,
        OutlookLimits outlook) {

    public static final ReadLimits STANDARD = new ReadLimits(64L * 1024 * 1024, 1024 * 1024, 20, 2000, 20, 1_000_000, 300,
            64 * 1024 * 1024, 512 * 1024, InspectionLimits.STANDARD, OutlookLimits.STANDARD);

    /** The name of every bound, as the mailet parameters and {@code --limit} spell it. */
    public static final List<String> NAMES = List.of("maxMessageBytes", "maxHeaderBytes", "maxHeaderFields", "maxParts", "maxDepth",
            "maxReportedMails", "maxTextChars", "maxInspectedBytes", "maxSpamBytes",
            "maxArchiveDepth", "maxArchiveEntries", "maxArchiveEntriesInAll", "maxArchiveEntryBytes", "maxArchiveBytes",
            "maxArchiveRatio", "maxArchiveMillis",
            "maxOutlookBytes", "maxOutlookAttachments", "maxOutlookDepth", "maxOutlookPropertyBytes");

    public ReadLimits {
        Objects.requireNonNull(archives, "archives");
        Objects.requireNonNull(outlook, "outlook");
        if (maxMessageBytes < 1 || maxHeaderBytes < 1 || maxDepth < 1 || maxParts < 1 || maxReportedMails < 1
                || maxTextChars < 1 || maxHeaderFields < 1 || maxInspectedBytes < 0 || maxSpamBytes < 0) {
            throw new IllegalArgumentException("read limits must be positive");
        }
    }

    /**
     * These limits with one bound changed.
     *
     * @throws IllegalArgumentException for an unknown name (the message lists the known ones), a value
     *                                  below 1, or one too large for its bound
     */
    public ReadLimits with(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be a positive whole number, not " + value);
        }
        InspectionLimits a = archives;
        OutlookLimits o = outlook;
        return switch (name) {
            case "maxMessageBytes" -> new ReadLimits(value, maxHeaderBytes, maxDepth, maxParts, maxReportedMails, maxTextChars,
                    maxHeaderFields, maxInspectedBytes, maxSpamBytes, a, o);
            case "maxHeaderBytes" -> new ReadLimits(maxMessageBytes, small(name, value), maxDepth, maxParts, maxReportedMails,
                    maxTextChars, maxHeaderFields, maxInspectedBytes, maxSpamBytes, a, o);
            case "maxHeaderFields" -> new ReadLimits(maxMessageBytes, maxHeaderBytes, maxDepth, maxParts, maxReportedMails,
                    maxTextChars, small(name, value), maxInspectedBytes, maxSpamBytes, a, o);
            case "maxParts" -> new ReadLimits(maxMessageBytes, maxHeaderBytes, maxDepth, small(name, value), maxReportedMails,
                    maxTextChars, maxHeaderFields, maxInspectedBytes, maxSpamBytes, a, o);
            case "maxDepth" -> new ReadLimits(maxMessageBytes, maxHeaderBytes, small(name, value), maxParts, maxReportedMails,
                    maxTextChars, maxHeaderFields, maxInspectedBytes, maxSpamBytes, a, o);
            case "maxReportedMails" -> new ReadLimits(maxMessageBytes, maxHeaderBytes, maxDepth, maxParts, small(name, value),
                    maxTextChars, maxHeaderFields, maxInspectedBytes, maxSpamBytes, a, o);
            case "maxTextChars" -> new ReadLimits(maxMessageBytes, maxHeaderBytes, maxDepth, maxParts, maxReportedMails,
                    small(name, value), maxHeaderFields, maxInspectedBytes, maxSpamBytes, a, o);
            case "maxInspectedBytes" -> new ReadLimits(maxMessageBytes, maxHeaderBytes, maxDepth, maxParts, maxReportedMails,
                    maxTextChars, maxHeaderFields, small(name, value), maxSpamBytes, a, o);
            case "maxSpamBytes" -> new ReadLimits(maxMessageBytes, maxHeaderBytes, maxDepth, maxParts, maxReportedMails,
                    maxTextChars, maxHeaderFields, maxInspectedBytes, small(name, value), a, o);
            case "maxArchiveDepth" -> archives(new InspectionLimits(small(name, value), a.maxEntriesPerArchive(), a.maxEntriesInAll(),
                    a.maxBytesPerEntry(), a.maxBytesInAll(), a.maxRatio(), a.maxDuration()));
            case "maxArchiveEntries" -> archives(new InspectionLimits(a.maxDepth(), small(name, value), a.maxEntriesInAll(),
                    a.maxBytesPerEntry(), a.maxBytesInAll(), a.maxRatio(), a.maxDuration()));
            case "maxArchiveEntriesInAll" -> archives(new InspectionLimits(a.maxDepth(), a.maxEntriesPerArchive(), small(name, value),
                    a.maxBytesPerEntry(), a.maxBytesInAll(), a.maxRatio(), a.maxDuration()));
            case "maxArchiveEntryBytes" -> archives(new InspectionLimits(a.maxDepth(), a.maxEntriesPerArchive(), a.maxEntriesInAll(),
                    small(name, value), a.maxBytesInAll(), a.maxRatio(), a.maxDuration()));
            case "maxArchiveBytes" -> archives(new InspectionLimits(a.maxDepth(), a.maxEntriesPerArchive(), a.maxEntriesInAll(),
                    a.maxBytesPerEntry(), value, a.maxRatio(), a.maxDuration()));
            case "maxArchiveRatio" -> archives(new InspectionLimits(a.maxDepth(), a.maxEntriesPerArchive(), a.maxEntriesInAll(),
                    a.maxBytesPerEntry(), a.maxBytesInAll(), small(name, value), a.maxDuration()));
            case "maxArchiveMillis" -> archives(new InspectionLimits(a.maxDepth(), a.maxEntriesPerArchive(), a.maxEntriesInAll(),
                    a.maxBytesPerEntry(), a.maxBytesInAll(), a.maxRatio(), Duration.ofMillis(value)));
            case "maxOutlookBytes" -> outlook(new OutlookLimits(small(name, value), o.maxAttachments(), o.maxEmbeddedDepth(),
                    o.maxPropertyBytes()));
            case "maxOutlookAttachments" -> outlook(new OutlookLimits(o.maxInputBytes(), small(name, value), o.maxEmbeddedDepth(),
                    o.maxPropertyBytes()));
            case "maxOutlookDepth" -> outlook(new OutlookLimits(o.maxInputBytes(), o.maxAttachments(), small(name, value),
                    o.maxPropertyBytes()));
            case "maxOutlookPropertyBytes" -> outlook(new OutlookLimits(o.maxInputBytes(), o.maxAttachments(), o.maxEmbeddedDepth(),
                    small(name, value)));
            default -> throw new IllegalArgumentException("unknown limit '" + name + "'; known: " + String.join(", ", NAMES));
        };
    }

    /** The bound of that name, as {@link #with} takes it (milliseconds for {@code maxArchiveMillis}). */
    public long value(String name) {
        return switch (name) {
            case "maxMessageBytes" -> maxMessageBytes;
            case "maxHeaderBytes" -> maxHeaderBytes;
            case "maxHeaderFields" -> maxHeaderFields;
            case "maxParts" -> maxParts;
            case "maxDepth" -> maxDepth;
            case "maxReportedMails" -> maxReportedMails;
            case "maxTextChars" -> maxTextChars;
            case "maxInspectedBytes" -> maxInspectedBytes;
            case "maxSpamBytes" -> maxSpamBytes;
            case "maxArchiveDepth" -> archives.maxDepth();
            case "maxArchiveEntries" -> archives.maxEntriesPerArchive();
            case "maxArchiveEntriesInAll" -> archives.maxEntriesInAll();
            case "maxArchiveEntryBytes" -> archives.maxBytesPerEntry();
            case "maxArchiveBytes" -> archives.maxBytesInAll();
            case "maxArchiveRatio" -> archives.maxRatio();
            case "maxArchiveMillis" -> archives.maxDuration().toMillis();
            case "maxOutlookBytes" -> outlook.maxInputBytes();
            case "maxOutlookAttachments" -> outlook.maxAttachments();
            case "maxOutlookDepth" -> outlook.maxEmbeddedDepth();
            case "maxOutlookPropertyBytes" -> outlook.maxPropertyBytes();
            default -> throw new IllegalArgumentException("unknown limit '" + name + "'; known: " + String.join(", ", NAMES));
        };
    }

    private ReadLimits archives(InspectionLimits replacement) {
        return new ReadLimits(maxMessageBytes, maxHeaderBytes, maxDepth, maxParts, maxReportedMails, maxTextChars, maxHeaderFields,
                maxInspectedBytes, maxSpamBytes, replacement, outlook);
    }

    private ReadLimits outlook(OutlookLimits replacement) {
        return new ReadLimits(maxMessageBytes, maxHeaderBytes, maxDepth, maxParts, maxReportedMails, maxTextChars, maxHeaderFields,
                maxInspectedBytes, maxSpamBytes, archives, replacement);
    }

    private static int small(String name, long value) {
        if (value > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(name + " must be at most " + (Integer.MAX_VALUE - 16) + ", not " + value);
        }
        return (int) value;
    }
}
