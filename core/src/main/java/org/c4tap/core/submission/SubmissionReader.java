package org.c4tap.core.submission;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.c4tap.core.fingerprint.Fingerprint;
import org.c4tap.core.fingerprint.Fingerprinter;
import org.c4tap.core.message.HeaderText;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.report.Attachment;
import org.c4tap.core.report.Note;
import org.c4tap.core.report.OriginalHeaders;
import org.c4tap.core.scope.Part;

/**
 * Finds the reported mail inside a submission and reads it. The walk is iterative and bounded by
 * {@link ReadLimits}; what cannot be read becomes a {@link Note}, never an exception.
 */
public final class SubmissionReader {

    private final ReadLimits limits;

    public SubmissionReader(ReadLimits limits) {
        this.limits = limits;
    }

    /** The reported mails of a submission; empty when none could be recognised. */
    public List<ReportedMessage> read(MimeMessage carrier) {
        return firstAttachedMessage(carrier).map(this::readMessage).map(List::of).orElse(List.of());
    }

    /** The first {@code message/rfc822} part, searched depth first, in document order. */
    private Optional<MimeMessage> firstAttachedMessage(MimeMessage carrier) {
        Deque<Located> pending = new ArrayDeque<>();
        pending.push(new Located(carrier, "", 0));
        int visited = 0;
        while (!pending.isEmpty() && visited++ < limits.maxParts()) {
            Located current = pending.pop();
            String type = MimeParts.baseType(current.part());
            try {
                if (type.equals("message/rfc822") && current.depth() > 0) {
                    return Optional.of(MimeParts.attachedMessage(current.part()));
                }
                if (type.startsWith("multipart/") && current.depth() < limits.maxDepth()) {
                    MimeMultipart multipart = MimeParts.multipart(current.part());
                    for (int i = multipart.getCount() - 1; i >= 0; i--) {
                        pending.push(new Located((MimeBodyPart) multipart.getBodyPart(i),
                                current.childPath(i + 1), current.depth() + 1));
                    }
                }
            } catch (MessagingException | IOException | RuntimeException unreadable) {
                // an unreadable branch cannot hold the reported mail; the search goes on
            }
        }
        return Optional.empty();
    }

    /** Reads one reported mail: its headers, its text, and the fingerprints of everything else. */
    ReportedMessage readMessage(MimeMessage message) {
        List<Note> notes = new ArrayList<>();
        OriginalHeaders headers = new OriginalHeaders(
                HeaderText.first(message, "Subject"),
                String.join(", ", HeaderText.addresses(message, "From")),
                HeaderText.addresses(message, "To"),
                HeaderText.addresses(message, "Cc"),
                String.join(", ", HeaderText.addresses(message, "Reply-To")),
                HeaderText.first(message, "Date"),
                HeaderText.first(message, "Message-ID"));
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        List<Attachment> attachments = new ArrayList<>();

        Deque<Located> pending = new ArrayDeque<>();
        pending.push(new Located(message, "", 0));
        int visited = 0;
        while (!pending.isEmpty()) {
            if (visited++ >= limits.maxParts()) {
                notes.add(new Note(Part.ATTACHMENTS, "part_limit",
                        "more than " + limits.maxParts() + " MIME parts; the rest was not read"));
                break;
            }
            Located current = pending.pop();
            MimePart part = current.part();
            String type = MimeParts.baseType(part);
            String path = current.path().isEmpty() ? "1" : current.path();
            try {
                if (type.startsWith("multipart/")) {
                    if (current.depth() >= limits.maxDepth()) {
                        notes.add(new Note(Part.ATTACHMENTS, "depth_limit",
                                "part " + path + " nests deeper than " + limits.maxDepth() + " levels; fingerprinted whole"));
                        attachments.add(fingerprint(part, path));
                        continue;
                    }
                    MimeMultipart multipart = MimeParts.multipart(part);
                    for (int i = multipart.getCount() - 1; i >= 0; i--) {
                        pending.push(new Located((MimeBodyPart) multipart.getBodyPart(i),
                                current.childPath(i + 1), current.depth() + 1));
                    }
                } else if (isBodyText(part, type)) {
                    StringBuilder target = type.equals("text/html") ? html : text;
                    int room = limits.maxTextChars() - target.length();
                    if (room > 0) {
                        if (!target.isEmpty()) {
                            target.append("\n");
                        }
                        target.append(MimeParts.text(part, room));
                    }
                } else {
                    attachments.add(fingerprint(part, path));
                }
            } catch (MessagingException | IOException | RuntimeException unreadable) {
                notes.add(new Note(Part.ATTACHMENTS, "unreadable_part",
                        "part " + path + " (" + type + ") could not be read: " + unreadable.getClass().getSimpleName()));
            }
        }
        return new ReportedMessage(headers, text.toString(), html.toString(), attachments, notes);
    }

    private static boolean isBodyText(MimePart part, String type) {
        return (type.equals("text/plain") || type.equals("text/html"))
                && !MimeParts.isAttachmentDisposition(part)
                && MimeParts.filename(part).isEmpty();
    }

    private static Attachment fingerprint(MimePart part, String path) throws MessagingException, IOException {
        Fingerprint fingerprint;
        try (InputStream in = part.getInputStream()) {
            fingerprint = Fingerprinter.of(in);
        }
        return new Attachment(MimeParts.filename(part), MimeParts.baseType(part), path, fingerprint);
    }

    private record Located(MimePart part, String path, int depth) {
        String childPath(int index) {
            return path.isEmpty() ? Integer.toString(index) : path + "." + index;
        }
    }
}
