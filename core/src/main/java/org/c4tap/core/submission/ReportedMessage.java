package org.c4tap.core.submission;

import java.util.List;
import org.c4tap.core.report.Attachment;
import org.c4tap.core.report.Note;
import org.c4tap.core.report.OriginalHeaders;

/**
 * One suspicious mail found inside a submission, read into what a report needs. The attachments
 * are already reduced to fingerprints; their bytes were never kept.
 *
 * @param text  the plain-text body, or the empty string
 * @param html  the HTML body, or the empty string
 * @param notes what could not be read, by part
 */
public record ReportedMessage(OriginalHeaders headers, String text, String html, List<Attachment> attachments, List<Note> notes) {

    public ReportedMessage {
        text = text == null ? "" : text;
        html = html == null ? "" : html;
        attachments = List.copyOf(attachments);
        notes = List.copyOf(notes);
    }
}
