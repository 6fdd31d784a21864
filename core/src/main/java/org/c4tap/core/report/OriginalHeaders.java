package org.c4tap.core.report;

import java.util.List;
import org.c4tap.core.scope.Part;

/** The reported mail's own header fields, decoded to Unicode. Absent fields are empty strings. */
public record OriginalHeaders(
        String subject,
        String from,
        List<String> to,
        List<String> cc,
        String replyTo,
        String date,
        String messageId) implements PartContent {

    public OriginalHeaders {
        subject = orEmpty(subject);
        from = orEmpty(from);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        replyTo = orEmpty(replyTo);
        date = orEmpty(date);
        messageId = orEmpty(messageId);
    }

    @Override
    public Part part() {
        return Part.HEADERS;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
