package org.c4tap.core.submission;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.outlook.OutlookAttachment;
import org.c4tap.core.outlook.OutlookMessage;
import org.c4tap.core.outlook.OutlookNote;
import org.c4tap.core.report.Attachment;
import org.c4tap.core.report.Note;
import org.c4tap.core.report.OriginalHeaders;
import org.c4tap.core.sample.SampleShelf;
import org.c4tap.core.scope.Part;
import org.c4tap.core.text.HtmlText;

/**
 * Turns an Outlook message into the same {@link ReportedMessage} an Internet mail becomes: the
 * display fields from its MAPI properties, the Received and Authentication-Results chain from the
 * Internet header block Outlook kept, and every attached file fingerprinted — those of attached
 * messages too, numbered under their message.
 */
final class OutlookConversion {

    private final AttachmentReader attachments;
    private final MessageReader messages;
    private final ReadLimits limits;

    OutlookConversion(ReadLimits limits, AttachmentReader attachments, MessageReader messages) {
        this.limits = limits;
        this.attachments = attachments;
        this.messages = messages;
    }

    ReportedMessage convert(OutlookMessage outlook, String prefix) {
        List<Note> notes = new ArrayList<>();
        outlook.notes().forEach(note -> notes.add(note(note)));
        OriginalHeaders transport = transportHeaders(outlook, notes);
        OriginalHeaders headers = new OriginalHeaders(outlook.subject(), outlook.from().formatted(), transport.sender(), outlook.to(),
                outlook.cc(), transport.replyTo(), transport.returnPath(),
                outlook.date().isEmpty() ? transport.date() : outlook.date(),
                outlook.messageId().isEmpty() ? transport.messageId() : outlook.messageId(),
                transport.mailer(), transport.originatingIp(), transport.received(), transport.authentication(), transport.fields());
        List<Attachment> found = new ArrayList<>();
        SampleShelf shelf = messages.shelf();
        addAttachments(outlook, prefix, found, notes, shelf);
        String text = outlook.textBody();
        List<HtmlText.Link> links = List.of();
        if (!outlook.htmlBody().isEmpty()) {
            HtmlText.Rendering rendering = HtmlText.render(outlook.htmlBody());
            links = rendering.links();
            if (text.isBlank()) {
                text = rendering.text();
            }
        }
        if (text.length() > limits.maxTextChars()) {
            text = text.substring(0, limits.maxTextChars());
        }
        return new ReportedMessage(ReportedMessage.Source.OUTLOOK_MSG, headers, text, links, found,
                spamSample(outlook, text), notes, shelf.contents());
    }

    private void addAttachments(OutlookMessage outlook, String path, List<Attachment> found, List<Note> notes, SampleShelf shelf) {
        int index = 1;
        for (OutlookAttachment attachment : outlook.attachments()) {
            String position = path + index++;
            switch (attachment) {
                case OutlookAttachment.File file -> {
                    try {
                        found.add(attachments.read(file.content(), file.filename(), file.mimeType().isEmpty()
                                ? "application/octet-stream" : file.mimeType(), position, notes, shelf));
                    } catch (IOException | RuntimeException e) {
                        notes.add(new Note(Part.ATTACHMENTS, "unreadable_part", "attachment " + position + " could not be read: "
                                + e.getClass().getSimpleName()));
                    }
                }
                case OutlookAttachment.Embedded embedded -> {
                    notes.add(new Note(Part.ATTACHMENTS, "attached_message", "attachment " + position
                            + " is an attached Outlook message; its attachments are listed as " + position + ".N"));
                    embedded.message().ifPresent(inner -> {
                        inner.notes().forEach(note -> notes.add(note(note)));
                        addAttachments(inner, position + ".", found, notes, shelf);
                    });
                }
            }
        }
    }

    private OriginalHeaders transportHeaders(OutlookMessage outlook, List<Note> notes) {
        if (outlook.transportHeaders().isBlank()) {
            notes.add(new Note(Part.HEADERS, "no_transport_headers",
                    "the Outlook message kept no Internet headers: no Received chain or authentication results"));
            return OriginalHeaders.basic("", "", List.of(), List.of(), "", "", "");
        }
        String block = outlook.transportHeaders().replace("\r\n", "\n").replace("\n", "\r\n").stripTrailing() + "\r\n\r\n";
        try {
            MimeMessage headersOnly = MimeParts.parse(block.getBytes(StandardCharsets.UTF_8));
            return messages.headers(headersOnly, notes);
        } catch (MessagingException | RuntimeException e) {
            notes.add(new Note(Part.HEADERS, "unreadable_headers", "the Outlook message's Internet headers could not be read"));
            return OriginalHeaders.basic("", "", List.of(), List.of(), "", "", "");
        }
    }

    /** The message as a spam filter should see it: Outlook's Internet headers and the text. */
    private byte[] spamSample(OutlookMessage outlook, String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String headers = outlook.transportHeaders().isBlank()
                ? "From: " + outlook.from().formatted() + "\r\nSubject: " + outlook.subject() + "\r\n"
                : outlook.transportHeaders().replace("\r\n", "\n").replace("\n", "\r\n").stripTrailing() + "\r\n";
        out.writeBytes(withoutMimeFields(headers).getBytes(StandardCharsets.UTF_8));
        out.writeBytes("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        byte[] bytes = out.toByteArray();
        return bytes.length <= limits.maxSpamBytes() ? bytes : new byte[0];
    }

    /**
     * The header section without its MIME fields (Content-Type, Content-Transfer-Encoding,
     * MIME-Version) and their folded continuations, which our own fields replace. Line by line: a
     * pattern with a repeated group for the continuations recursed once per folded line and
     * overflowed the stack on tens of thousands of them.
     */
    private static String withoutMimeFields(String headers) {
        StringBuilder kept = new StringBuilder(headers.length());
        boolean dropping = false;
        int start = 0;
        while (start < headers.length()) {
            int end = headers.indexOf("\r\n", start);
            end = end < 0 ? headers.length() : end + 2;
            String line = headers.substring(start, end);
            boolean continuation = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
            if (!continuation) {
                String name = line.contains(":") ? line.substring(0, line.indexOf(':')).strip().toLowerCase(java.util.Locale.ROOT) : "";
                dropping = name.equals("content-type") || name.equals("content-transfer-encoding") || name.equals("mime-version");
            }
            if (!dropping) {
                kept.append(line);
            }
            start = end;
        }
        return kept.toString();
    }

    private static Note note(OutlookNote note) {
        return new Note(Part.ATTACHMENTS, note.kind().code(), note.detail());
    }
}
