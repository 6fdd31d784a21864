package org.c4tap.core.submission;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.c4tap.core.message.HeaderText;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.message.MultipartReading;
import org.c4tap.core.message.TraceFields;
import org.c4tap.core.report.Attachment;
import org.c4tap.core.report.HeaderField;
import org.c4tap.core.report.Note;
import org.c4tap.core.report.OriginalHeaders;
import org.c4tap.core.sample.SampleShelf;
import org.c4tap.core.scope.Part;
import org.c4tap.core.text.DecodedText;
import org.c4tap.core.text.HtmlText;

/**
 * Reads one reported mail (an attached message or .eml): its header fields, its text and links,
 * and the fingerprints of everything else. The walk over the MIME tree is iterative and bounded by
 * {@link ReadLimits}; what cannot be read becomes a {@link Note}, never an exception.
 */
final class MessageReader {

    /** Header fields that describe the transport inside the victim's organisation; not shared. */
    private static final List<String> WITHHELD = List.of("bcc", "x-ms-exchange-organization-", "x-ms-exchange-crosstenant-",
            "x-ms-exchange-transport-", "x-forefront-antispam-report", "x-microsoft-antispam-mailbox-delivery");

    /** Fields that RFC 5322 and RFC 2045 allow once per message. */
    private static final Set<String> SINGLE = Set.of("from", "sender", "reply-to", "to", "cc", "subject", "date", "message-id",
            "mime-version", "content-type", "content-transfer-encoding", "content-disposition");

    private final ReadLimits limits;
    private final AttachmentReader attachments;
    private final boolean keepSamples;

    MessageReader(ReadLimits limits, AttachmentReader attachments, boolean keepSamples) {
        this.limits = limits;
        this.attachments = attachments;
        this.keepSamples = keepSamples;
    }

    /** A shelf for one reported mail's samples: one that keeps them only where the operator sends samples. */
    SampleShelf shelf() {
        return keepSamples ? SampleShelf.keeping(limits.maxMessageBytes()) : SampleShelf.none();
    }

    ReportedMessage read(MimeMessage message, ReportedMessage.Source source, byte[] spamSample, String pathPrefix) {
        return read(message, source, spamSample, pathPrefix, List.of());
    }

    /** Reads the message; {@code earlier} are the notes on how its bytes were found (first in its report). */
    ReportedMessage read(MimeMessage message, ReportedMessage.Source source, byte[] spamSample, String pathPrefix, List<Note> earlier) {
        List<Note> notes = new ArrayList<>(earlier);
        OriginalHeaders headers = headers(message, notes);
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        List<Attachment> found = new ArrayList<>();
        SampleShelf shelf = shelf();

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
            String path = pathPrefix + (current.path().isEmpty() ? "1" : current.path());
            try {
                if (type.startsWith("multipart/")) {
                    if (current.depth() >= limits.maxDepth()) {
                        notes.add(new Note(Part.ATTACHMENTS, "depth_limit",
                                "part " + path + " nests deeper than " + limits.maxDepth() + " levels; fingerprinted whole"));
                        found.addAll(attachments.readAll(part, path, notes, shelf));
                        continue;
                    }
                    MultipartReading reading = MultipartReading.of(part);
                    for (MultipartReading.Defect defect : reading.defects()) {
                        notes.add(new Note(Part.ATTACHMENTS, defect.key(), "part " + path + " " + defect.description()));
                    }
                    MimeMultipart multipart = reading.multipart();
                    int count = multipart.getCount();
                    if (count == 0) {
                        notes.add(new Note(Part.ATTACHMENTS, "empty_multipart", "part " + path + " has no parts"));
                    }
                    if (!multipart.isComplete()) {
                        notes.add(new Note(Part.ATTACHMENTS, "missing_end_boundary", "part " + path
                                + " ends without its closing boundary; its last part may be cut"));
                    }
                    for (int i = count - 1; i >= 0; i--) {
                        pending.push(new Located((MimeBodyPart) multipart.getBodyPart(i), current.childPath(i + 1), current.depth() + 1));
                    }
                } else if (isBodyText(part, type)) {
                    StringBuilder target = type.equals("text/html") ? html : text;
                    int room = limits.maxTextChars() - target.length();
                    if (room > 0) {
                        MimeParts.Text read = MimeParts.readText(part, room);
                        TransferNotes.damaged(notes, Part.BODY, "part " + path, read.encoding(), read.repairs(),
                                "the text is read as decoded");
                        if (read.cut()) {
                            notes.add(new Note(Part.BODY, "text_limit", "part " + path + ": the text goes on past "
                                    + limits.maxTextChars() + " characters; the rest was not read for links and indicators"));
                        }
                        DecodedText decoded = read.text();
                        decoded.mislabel().ifPresent(problem -> notes.add(new Note(Part.BODY, "charset_mislabelled",
                                "part " + path + ": " + problem)));
                        if (!target.isEmpty()) {
                            target.append('\n');
                        }
                        target.append(decoded.text());
                    } else if (notes.stream().noneMatch(note -> note.kind().equals("text_limit"))) {
                        notes.add(new Note(Part.BODY, "text_limit", "part " + path + " was not read for links and indicators: the text"
                                + " read before it already reached " + limits.maxTextChars() + " characters"));
                    }
                } else {
                    found.addAll(attachments.readAll(part, path, notes, shelf));
                }
            } catch (MessagingException | IOException | RuntimeException unreadable) {
                notes.add(new Note(type.startsWith("multipart/") ? Part.BODY : Part.ATTACHMENTS, "unreadable_part",
                        "part " + path + " (" + type + ") could not be read: " + unreadable.getClass().getSimpleName()));
            }
        }
        String body = text.toString();
        List<HtmlText.Link> links = List.of();
        if (!html.isEmpty()) {
            HtmlText.Rendering rendering = HtmlText.render(html.toString());
            links = rendering.links();
            if (body.isBlank()) {
                body = rendering.text();
            }
        }
        return new ReportedMessage(source, headers, body, links, found, spamSample, notes, shelf.contents());
    }

    OriginalHeaders headers(MimeMessage message, List<Note> notes) {
        List<HeaderField> fields = new ArrayList<>();
        Map<String, Integer> singles = new TreeMap<>();
        boolean bounded = notes.stream().anyMatch(note -> note.kind().equals("header_limit"));
        int bytes = 0;
        try {
            for (Header header : Collections.list(message.getAllHeaders())) {
                String name = HeaderText.decode(header.getName());
                String value = header.getValue() == null ? "" : header.getValue();
                String lower = name.toLowerCase(Locale.ROOT);
                if (SINGLE.contains(lower)) {
                    singles.merge(lower, 1, Integer::sum);
                }
                bytes += name.length() + value.length();
                if (bytes > limits.maxHeaderBytes() || fields.size() >= limits.maxHeaderFields()) {
                    if (!bounded) {
                        notes.add(new Note(Part.HEADERS, "header_limit", bytes > limits.maxHeaderBytes()
                                ? "the header section is larger than " + limits.maxHeaderBytes() + " bytes; the rest was not read"
                                : "more than " + limits.maxHeaderFields() + " header fields; the rest was not read"));
                        bounded = true;
                    }
                    continue;
                }
                if (!withheld(name)) {
                    fields.add(new HeaderField(name, HeaderText.decode(value)));
                }
            }
        } catch (MessagingException | RuntimeException e) {
            notes.add(new Note(Part.HEADERS, "unreadable_headers", "the header section could not be read: " + e.getClass().getSimpleName()));
        }
        List<String> repeated = singles.entrySet().stream().filter(entry -> entry.getValue() > 1).map(Map.Entry::getKey).toList();
        if (!repeated.isEmpty()) {
            // readers disagree on which one counts: a filter may check one From while the reader sees another
            notes.add(new Note(Part.HEADERS, "duplicate_field", "fields that may appear once appear more than once: "
                    + String.join(", ", repeated) + "; the first was used"));
        }
        return new OriginalHeaders(
                HeaderText.first(message, "Subject"),
                String.join(", ", HeaderText.addresses(message, "From")),
                String.join(", ", HeaderText.addresses(message, "Sender")),
                HeaderText.addresses(message, "To"),
                HeaderText.addresses(message, "Cc"),
                String.join(", ", HeaderText.addresses(message, "Reply-To")),
                String.join(", ", HeaderText.addresses(message, "Return-Path")),
                HeaderText.first(message, "Date"),
                HeaderText.first(message, "Message-ID"),
                firstNonEmpty(HeaderText.first(message, "X-Mailer"), HeaderText.first(message, "User-Agent")),
                HeaderText.first(message, "X-Originating-IP").replaceAll("[\\[\\]\\s]", ""),
                TraceFields.received(HeaderText.all(message, "Received")),
                TraceFields.authentication(HeaderText.all(message, "Authentication-Results")),
                fields);
    }

    private static boolean withheld(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return WITHHELD.stream().anyMatch(lower::startsWith);
    }

    private static boolean isBodyText(MimePart part, String type) {
        return (type.equals("text/plain") || type.equals("text/html"))
                && !MimeParts.isAttachmentDisposition(part)
                && MimeParts.filename(part).isEmpty();
    }

    private static String firstNonEmpty(String a, String b) {
        return a.isEmpty() ? b : a;
    }

    private record Located(MimePart part, String path, int depth) {
        String childPath(int index) {
            return path.isEmpty() ? Integer.toString(index) : path + "." + index;
        }
    }
}
