package org.c4tap.core.outlook;

import java.util.List;

/**
 * What the gateway needs from a TNEF stream ({@code winmail.dat}, {@code application/ms-tnef}):
 * the bodies Outlook put there and the attached files with their exact bytes. Absent values are
 * empty; {@link #notes()} say what could not be read.
 *
 * @param textBody the plain text body
 * @param htmlBody the HTML body, from the HTML property or from HTML encapsulated in RTF
 */
public record TnefContents(String textBody, String htmlBody, List<OutlookAttachment.File> attachments,
        List<OutlookNote> notes) {

    public TnefContents {
        textBody = textBody == null ? "" : textBody;
        htmlBody = htmlBody == null ? "" : htmlBody;
        attachments = List.copyOf(attachments);
        notes = List.copyOf(notes);
    }

    /** Contents of which nothing could be read, with the notes that say why. */
    public static TnefContents unread(List<OutlookNote> notes) {
        return new TnefContents("", "", List.of(), notes);
    }
}
