package org.c4tap.core.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Bounds the header section of a saved message before any parser reads it, so that a 5 MB header or
 * a hundred thousand fields cost no more than the limits allow. Fields past a bound are dropped,
 * except the first occurrence of each field that says how to read the message (Content-Type and its
 * kin) or who sent it (From, Subject, Date …) when it is short: padding placed before them must not
 * hide the attachments or the sender.
 */
public final class HeaderBlock {

    /** Fields kept past the bounds, at most once each and when no longer than {@link #KEPT_FIELD_BYTES}. */
    private static final Set<String> ALWAYS_KEPT = Set.of("content-type", "content-transfer-encoding", "content-disposition",
            "mime-version", "from", "sender", "reply-to", "to", "cc", "subject", "date", "message-id", "return-path");
    private static final int KEPT_FIELD_BYTES = 16 * 1024;

    /**
     * The message with its header section bounded.
     *
     * @param message       the bytes to parse: the original array when nothing was dropped
     * @param headerBytes   how long the original header section was
     * @param fields        how many fields it had
     * @param droppedFields how many of them were dropped
     * @param keptPastBound which fields were kept past the bounds (lower case)
     */
    public record Bounded(byte[] message, long headerBytes, int fields, int droppedFields, List<String> keptPastBound) {
        public Bounded {
            keptPastBound = List.copyOf(keptPastBound);
        }

        public boolean cut() {
            return droppedFields > 0;
        }
    }

    private HeaderBlock() {
    }

    /** Keeps at most {@code maxBytes} bytes and {@code maxFields} fields (CRLF line ends, as after {@link MessageBytes#normalise}). */
    public static Bounded bound(byte[] message, int maxBytes, int maxFields) {
        int end = headerEnd(message);
        ByteArrayOutputStream kept = null;
        Set<String> seen = new HashSet<>();
        List<String> keptPast = new java.util.ArrayList<>();
        int fields = 0;
        int keptFields = 0;
        int dropped = 0;
        long keptBytes = 0;
        int start = 0;
        while (start < end) {
            int fieldEnd = fieldEnd(message, start, end);
            int length = fieldEnd - start;
            fields++;
            String name = name(message, start, fieldEnd);
            boolean within = keptBytes + length <= maxBytes && keptFields < maxFields;
            boolean essential = !within && length <= KEPT_FIELD_BYTES && ALWAYS_KEPT.contains(name) && !seen.contains(name);
            if (within || essential) {
                if (kept != null) {
                    kept.write(message, start, length);
                }
                keptBytes += length;
                keptFields++;
                seen.add(name);
                if (essential) {
                    keptPast.add(name);
                }
            } else {
                if (kept == null) {
                    kept = new ByteArrayOutputStream((int) Math.min(end, (long) maxBytes + KEPT_FIELD_BYTES * ALWAYS_KEPT.size()));
                    kept.write(message, 0, start);
                }
                dropped++;
            }
            start = fieldEnd;
        }
        if (kept == null) {
            return new Bounded(message, end, fields, 0, List.of());
        }
        kept.write(message, end, message.length - end);
        return new Bounded(kept.toByteArray(), end, fields, dropped, keptPast);
    }

    /**
     * Whether the header section at the start of {@code head} ends within it and within the
     * limits, so that the message can be parsed as it is, with nothing to bound.
     */
    public static boolean within(byte[] head, int maxBytes, int maxFields) {
        return headerEnd(head) < head.length && !bound(head, maxBytes, maxFields).cut();
    }

    /** Where the header section ends: at the empty line that ends it (which belongs to the body), or at the end. */
    private static int headerEnd(byte[] message) {
        if (message.length >= 2 && message[0] == '\r' && message[1] == '\n') {
            return 0;
        }
        for (int i = 0; i + 3 < message.length; i++) {
            if (message[i] == '\r' && message[i + 1] == '\n' && message[i + 2] == '\r' && message[i + 3] == '\n') {
                return i + 2;
            }
        }
        return message.length;
    }

    /** The end of the field starting at {@code start}: past its last line's CRLF. */
    private static int fieldEnd(byte[] message, int start, int end) {
        int i = start;
        while (i < end) {
            if (message[i] == '\n' && (i + 1 >= end || (message[i + 1] != ' ' && message[i + 1] != '\t'))) {
                return i + 1;
            }
            i++;
        }
        return end;
    }

    private static String name(byte[] message, int start, int end) {
        int colon = start;
        int limit = Math.min(end, start + 80);
        while (colon < limit && message[colon] != ':') {
            colon++;
        }
        return colon >= limit ? "" : new String(message, start, colon - start, StandardCharsets.ISO_8859_1).strip().toLowerCase(Locale.ROOT);
    }
}
