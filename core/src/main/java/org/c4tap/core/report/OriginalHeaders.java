package org.c4tap.core.report;

import java.util.List;
import org.c4tap.core.scope.Part;

/**
 * The reported mail's own header fields, decoded to Unicode. Absent fields are empty strings or
 * empty lists. These name the victim (its recipients), so the part stays within AMBER by default
 * and internal addresses are replaced by pseudonyms wherever it goes wider than RED.
 *
 * @param mailer        X-Mailer or User-Agent
 * @param originatingIp X-Originating-IP (brackets removed)
 * @param received      the Received chain, newest first
 * @param fields        every header field, in order, as sanitised for sharing
 */
public record OriginalHeaders(
        String subject,
        String from,
        String sender,
        List<String> to,
        List<String> cc,
        String replyTo,
        String returnPath,
        String date,
        String messageId,
        String mailer,
        String originatingIp,
        List<ReceivedHop> received,
        List<AuthenticationVerdict> authentication,
        List<HeaderField> fields) implements PartContent {

    public OriginalHeaders {
        subject = orEmpty(subject);
        from = orEmpty(from);
        sender = orEmpty(sender);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        replyTo = orEmpty(replyTo);
        returnPath = orEmpty(returnPath);
        date = orEmpty(date);
        messageId = orEmpty(messageId);
        mailer = orEmpty(mailer);
        originatingIp = orEmpty(originatingIp);
        received = List.copyOf(received);
        authentication = List.copyOf(authentication);
        fields = List.copyOf(fields);
    }

    /** Headers known only by the common fields, as an inline forward's header block gives them. */
    public static OriginalHeaders basic(String subject, String from, List<String> to, List<String> cc, String replyTo,
                                        String date, String messageId) {
        return new OriginalHeaders(subject, from, "", to, cc, replyTo, "", date, messageId, "", "", List.of(), List.of(), List.of());
    }

    @Override
    public Part part() {
        return Part.HEADERS;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
