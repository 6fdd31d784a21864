package org.c4tap.core.submission;

import org.c4tap.core.sample.Samples;
import java.util.List;
import java.util.Objects;
import org.c4tap.core.report.Attachment;
import org.c4tap.core.report.Note;
import org.c4tap.core.report.OriginalHeaders;
import org.c4tap.core.text.HtmlText;

/**
 * One suspicious mail found inside a submission, read into what a report needs. Its attachments
 * are already reduced to fingerprints; their bytes were never kept.
 *
 * @param source     how the employee forwarded it
 * @param text       its readable text (the plain-text body, or the HTML body rendered as text)
 * @param links      the links of its HTML body, with their visible text
 * @param spamSample the message as a spam filter should see it, at most the spam size limit;
 *                   empty when it was larger
 * @param notes      what could not be read, by part
 */
public record ReportedMessage(
        Source source,
        OriginalHeaders headers,
        String text,
        List<HtmlText.Link> links,
        List<Attachment> attachments,
        byte[] spamSample,
        List<Note> notes,
        Samples samples) {

    /** How the reported mail reached the gateway. */
    public enum Source {
        /** A message/rfc822 attachment ("forward as attachment"). */
        ATTACHED_MESSAGE("attached_message"),
        /** An .eml file attached under another media type. */
        ATTACHED_EML("attached_eml"),
        /** An Outlook .msg file. */
        OUTLOOK_MSG("outlook_msg"),
        /** Forwarded inline: the header block and text in the body of the forward. */
        INLINE_FORWARD("inline_forward");

        private final String key;

        Source(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public static Source fromKey(String key) {
            for (Source source : values()) {
                if (source.key.equals(key)) {
                    return source;
                }
            }
            return ATTACHED_MESSAGE;
        }
    }

    public ReportedMessage {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(headers, "headers");
        text = text == null ? "" : text;
        links = List.copyOf(links);
        attachments = List.copyOf(attachments);
        spamSample = spamSample == null ? new byte[0] : spamSample;
        notes = List.copyOf(notes);
        samples = samples == null ? Samples.NONE : samples;
    }

    /** The same mail with {@code earlier} notes (on how its bytes were found) before its own. */
    ReportedMessage withNotesFirst(List<Note> earlier) {
        List<Note> all = new java.util.ArrayList<>(earlier);
        all.addAll(notes);
        return new ReportedMessage(source, headers, text, links, attachments, spamSample, all, samples);
    }
}
