package org.c4tap.core.outlook;

import java.util.List;

/**
 * What the gateway needs from an Outlook {@code .msg}, in the shape of an Internet mail. Absent
 * values are empty strings or empty lists; {@link #notes()} say what could not be read. Notes of
 * an attached message stay with that message.
 *
 * @param from             the sender as the recipient saw it (sent-representing, else sender)
 * @param to               the To recipients, each as {@code Name <address>}, the address or the name
 * @param cc               the Cc recipients, likewise
 * @param date             the submit (else delivery) time as an RFC 5322 date, in UTC
 * @param messageId        the Internet Message-ID, as stored
 * @param transportHeaders the original Internet header block, with Received and
 *                         Authentication-Results lines, as the receiving server saw it
 * @param textBody         the plain text body
 * @param htmlBody         the HTML body, from the HTML property or from HTML encapsulated in RTF
 */
public record OutlookMessage(
        String subject,
        OutlookMailbox from,
        List<String> to,
        List<String> cc,
        String date,
        String messageId,
        String transportHeaders,
        String textBody,
        String htmlBody,
        List<OutlookAttachment> attachments,
        List<OutlookNote> notes) {

    public OutlookMessage {
        subject = orEmpty(subject);
        from = from == null ? OutlookMailbox.NONE : from;
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        date = orEmpty(date);
        messageId = orEmpty(messageId);
        transportHeaders = orEmpty(transportHeaders);
        textBody = orEmpty(textBody);
        htmlBody = orEmpty(htmlBody);
        attachments = List.copyOf(attachments);
        notes = List.copyOf(notes);
    }

    /** A message of which nothing could be read, with the notes that say why. */
    public static OutlookMessage unread(List<OutlookNote> notes) {
        return new OutlookMessage("", OutlookMailbox.NONE, List.of(), List.of(), "", "", "", "", "", List.of(), notes);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
