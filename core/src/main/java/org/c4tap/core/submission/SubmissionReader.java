package org.c4tap.core.submission;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.c4tap.core.message.Mailbox;
import org.c4tap.core.message.HeaderBlock;
import org.c4tap.core.message.InPlaceMessage;
import org.c4tap.core.message.MessageBytes;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.message.MultipartReading;
import org.c4tap.core.outlook.OutlookMessageReader;
import org.c4tap.core.report.Attachment;
import org.c4tap.core.report.Note;
import org.c4tap.core.report.OriginalHeaders;
import org.c4tap.core.sample.SampleShelf;
import org.c4tap.core.scope.Part;
import org.c4tap.core.text.DecodedText;
import org.c4tap.core.text.HtmlText;

/**
 * Finds the reported mails in a submission, however the employee forwarded them:
 *
 * <ol>
 *   <li>attached: every {@code message/rfc822} part, every {@code .eml} file under any media type
 *       (with a byte-order mark, with CRLF or bare LF), every Outlook {@code .msg} file — one report
 *       each;</li>
 *   <li>inline, when nothing is attached: the forward block in the body (Outlook, Gmail,
 *       Thunderbird, Apple Mail; Japanese and English), whose attachments are the submission's.</li>
 * </ol>
 *
 * The walk over the submission is iterative and bounded; it never descends into a reported mail
 * (whose own attachments belong to it). Nothing here throws on bad mail.
 */
public final class SubmissionReader {

    private final ReadLimits limits;
    private final AttachmentReader attachments;
    private final MessageReader messages;
    private final OutlookMessageReader outlook;
    private final OutlookConversion outlookConversion;

    public SubmissionReader(ReadLimits limits) {
        this(limits, false);
    }

    /** @param keepSamples whether each reported mail's attachment bytes are kept, for an operator that sends samples */
    public SubmissionReader(ReadLimits limits, boolean keepSamples) {
        this.limits = limits;
        this.attachments = new AttachmentReader(limits);
        this.messages = new MessageReader(limits, attachments, keepSamples);
        this.outlook = new OutlookMessageReader(limits.outlook());
        this.outlookConversion = new OutlookConversion(limits, attachments, messages);
    }

    public Reading read(MimeMessage carrier) {
        List<Note> notes = new ArrayList<>();
        List<ReportedMessage> found = new ArrayList<>();
        List<Located> carrierAttachments = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();

        carrierHeaderSize(carrier, notes);
        Deque<Located> pending = new ArrayDeque<>();
        pending.push(new Located(carrier, "", 0));
        int visited = 0;
        while (!pending.isEmpty()) {
            if (visited++ >= limits.maxParts()) {
                notes.add(new Note(Part.ATTACHMENTS, "part_limit", "the submission has more than " + limits.maxParts()
                        + " MIME parts; the rest was not read"));
                break;
            }
            Located current = pending.pop();
            MimePart part = current.part();
            String type = MimeParts.baseType(part);
            String filename = MimeParts.filename(part).toLowerCase(Locale.ROOT);
            try {
                if (type.startsWith("multipart/")) {
                    if (current.depth() >= limits.maxDepth()) {
                        notes.add(new Note(Part.ATTACHMENTS, "depth_limit", "the submission nests deeper than "
                                + limits.maxDepth() + " levels"));
                        continue;
                    }
                    MultipartReading reading = MultipartReading.of(part);
                    for (MultipartReading.Defect defect : reading.defects()) {
                        notes.add(new Note(Part.ATTACHMENTS, defect.key(), "submission part " + current.displayPath() + " "
                                + defect.description()));
                    }
                    MimeMultipart multipart = reading.multipart();
                    for (int i = multipart.getCount() - 1; i >= 0; i--) {
                        pending.push(new Located((MimeBodyPart) multipart.getBodyPart(i), current.childPath(i + 1), current.depth() + 1));
                    }
                } else if (current.depth() > 0 && isAttachedMessage(part, type, filename)) {
                    if (found.size() >= limits.maxReportedMails()) {
                        notes.add(new Note(Part.ATTACHMENTS, "reported_mail_limit", "more than " + limits.maxReportedMails()
                                + " reported mails in one submission; the rest was not read"));
                        continue;
                    }
                    attachedMessage(part, type, "r" + (found.size() + 1) + ":", notes).ifPresent(found::add);
                } else if (isBodyText(part, type)) {
                    StringBuilder target = type.equals("text/html") ? html : text;
                    if (target.isEmpty()) {
                        DecodedText decoded = MimeParts.text(part, limits.maxTextChars());
                        target.append(decoded.text());
                    }
                } else if (current.depth() > 0) {
                    carrierAttachments.add(current);
                }
            } catch (MessagingException | IOException | RuntimeException unreadable) {
                notes.add(new Note(Part.ATTACHMENTS, "unreadable_part", "submission part " + current.displayPath() + " ("
                        + type + ") could not be read: " + unreadable.getClass().getSimpleName()));
            }
        }
        if (found.isEmpty()) {
            inlineForward(text.toString(), html.toString(), carrierAttachments, notes).ifPresent(found::add);
        } else if (!carrierAttachments.isEmpty()) {
            notes.add(new Note(Part.ATTACHMENTS, "submission_attachments_ignored", carrierAttachments.size()
                    + " other attachment(s) of the submission were not part of a reported mail and were not read"));
        }
        return new Reading(found, notes);
    }

    private static boolean isAttachedMessage(MimePart part, String type, String filename) {
        return type.equals("message/rfc822") || type.equals("message/global")
                || filename.endsWith(".eml") || filename.endsWith(".msg")
                || type.equals("application/vnd.ms-outlook");
    }

    private Optional<ReportedMessage> attachedMessage(MimePart part, String type, String prefix, List<Note> notes)
            throws MessagingException, IOException {
        ReportedMessage.Source source = type.startsWith("message/") ? ReportedMessage.Source.ATTACHED_MESSAGE
                : ReportedMessage.Source.ATTACHED_EML;
        int maxBytes = (int) Math.min(Integer.MAX_VALUE - 16, limits.maxMessageBytes());
        // a mail too large for the spam filter needs no bytes of its own: parse it where it lies,
        // when its header section needs no bounding
        if (MimeParts.size(part) > limits.maxSpamBytes()
                && HeaderBlock.within(MimeParts.decodedBytes(part, limits.maxHeaderBytes() + 4), limits.maxHeaderBytes(),
                        limits.maxHeaderFields())) {
            Optional<MimeMessage> inPlace = InPlaceMessage.parse(part, maxBytes);
            if (inPlace.isPresent()) {
                return Optional.of(messages.read(inPlace.get(), source, new byte[0], prefix, new ArrayList<>()));
            }
        }
        MimeParts.Decoded decoded = MimeParts.decoded(part, maxBytes);
        List<Note> found = new ArrayList<>();
        TransferNotes.damaged(found, Part.ATTACHMENTS, "the forwarded mail", decoded.encoding(), decoded.repairs(),
                "it was read as decoded");
        byte[] raw = decoded.bytes();
        if (isOutlookFile(raw)) {
            ReportedMessage converted = outlookConversion.convert(outlook.read(raw), prefix);
            return Optional.of(found.isEmpty() ? converted : converted.withNotesFirst(found));
        }
        byte[] normalised = MessageBytes.normalise(raw);
        if (!type.startsWith("message/") && !MessageBytes.looksLikeMessage(normalised)) {
            notes.add(new Note(Part.ATTACHMENTS, "not_a_message", "an attachment named like a saved mail does not hold one"));
            return Optional.empty();
        }
        HeaderBlock.Bounded bounded = HeaderBlock.bound(normalised, limits.maxHeaderBytes(), limits.maxHeaderFields());
        if (bounded.cut()) {
            found.add(new Note(Part.HEADERS, "header_limit", "the header section of " + bounded.headerBytes() + " bytes in "
                    + bounded.fields() + " fields is over the limits (" + limits.maxHeaderBytes() + " bytes, " + limits.maxHeaderFields()
                    + " fields): " + bounded.droppedFields() + " fields were not read"
                    + (bounded.keptPastBound().isEmpty() ? "" : "; kept past the limits: " + String.join(", ", bounded.keptPastBound()))));
        }
        byte[] bytes = bounded.message();
        MimeMessage message = MimeParts.parse(bytes);
        return Optional.of(messages.read(message, source, spamSample(bytes), prefix, found));
    }

    /** James has parsed the carrier's header already; an oversized one is at least said. */
    private void carrierHeaderSize(MimeMessage carrier, List<Note> notes) {
        long bytes = 0;
        int fields = 0;
        try {
            for (String line : java.util.Collections.list(carrier.getAllHeaderLines())) {
                bytes += line.length() + 2;
                fields++;
            }
        } catch (MessagingException | RuntimeException unreadable) {
            notes.add(new Note(Part.HEADERS, "unreadable_headers", "the submission's header section could not be read: "
                    + unreadable.getClass().getSimpleName()));
            return;
        }
        if (bytes > limits.maxHeaderBytes() || fields > limits.maxHeaderFields()) {
            notes.add(new Note(Part.HEADERS, "header_limit", "the submission's header section of " + bytes + " bytes in " + fields
                    + " fields is over the limits (" + limits.maxHeaderBytes() + " bytes, " + limits.maxHeaderFields()
                    + " fields); only its Subject and MIME fields were read"));
        }
    }

    /** An OLE2 compound file, the container of Outlook's .msg format. */
    static boolean isOutlookFile(byte[] bytes) {
        return bytes.length >= 8 && (bytes[0] & 0xFF) == 0xD0 && (bytes[1] & 0xFF) == 0xCF && (bytes[2] & 0xFF) == 0x11
                && (bytes[3] & 0xFF) == 0xE0;
    }

    private Optional<ReportedMessage> inlineForward(String text, String html, List<Located> carrierAttachments, List<Note> notes) {
        HtmlText.Rendering rendering = html.isEmpty() ? null : HtmlText.render(html);
        Optional<InlineForward.Block> block = InlineForward.find(text);
        List<HtmlText.Link> links = List.of();
        if (block.isEmpty() && rendering != null) {
            block = InlineForward.find(rendering.text());
            if (block.isPresent()) {
                int from = block.get().offset();
                links = rendering.links().stream().filter(link -> link.offset() >= from).toList();
            }
        } else if (block.isPresent() && rendering != null) {
            Optional<InlineForward.Block> inHtml = InlineForward.find(rendering.text());
            if (inHtml.isPresent()) {
                int from = inHtml.get().offset();
                links = rendering.links().stream().filter(link -> link.offset() >= from).toList();
            }
        }
        if (block.isEmpty()) {
            return Optional.empty();
        }
        InlineForward.Block forward = block.get();
        List<Note> messageNotes = new ArrayList<>();
        List<Attachment> fingerprinted = new ArrayList<>();
        SampleShelf shelf = messages.shelf();
        for (Located located : carrierAttachments) {
            try {
                fingerprinted.addAll(attachments.readAll(located.part(), located.displayPath(), messageNotes, shelf));
            } catch (IOException | RuntimeException e) {
                messageNotes.add(new Note(Part.ATTACHMENTS, "unreadable_part", "part " + located.displayPath()
                        + " could not be read: " + e.getClass().getSimpleName()));
            }
        }
        messageNotes.add(new Note(Part.HEADERS, "inline_forward", "forwarded inline (" + forward.style().key()
                + "); only the forward block's From, Date, To, Cc and Subject are known"));
        OriginalHeaders headers = OriginalHeaders.basic(
                forward.field(InlineForward.Field.SUBJECT),
                render(forward.field(InlineForward.Field.FROM)),
                list(forward.field(InlineForward.Field.TO)),
                list(forward.field(InlineForward.Field.CC)),
                render(forward.field(InlineForward.Field.REPLY_TO)),
                forward.field(InlineForward.Field.DATE),
                "");
        return Optional.of(new ReportedMessage(ReportedMessage.Source.INLINE_FORWARD, headers, forward.body(), links,
                fingerprinted, spamSample(synthesised(forward)), messageNotes, shelf.contents()));
    }

    private static String render(String field) {
        return String.join(", ", Mailbox.parseList(field.replace('；', ';')).stream().map(Mailbox::render).toList());
    }

    private static List<String> list(String field) {
        return Mailbox.parseList(field.replace('；', ';')).stream().map(Mailbox::render).toList();
    }

    /** A message rebuilt from an inline forward block, for the spam filter. */
    private static byte[] synthesised(InlineForward.Block block) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        header(out, "From", block.field(InlineForward.Field.FROM));
        header(out, "To", block.field(InlineForward.Field.TO));
        header(out, "Subject", block.field(InlineForward.Field.SUBJECT));
        header(out, "Date", block.field(InlineForward.Field.DATE));
        out.writeBytes("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(block.body().replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void header(ByteArrayOutputStream out, String name, String value) {
        if (!value.isEmpty()) {
            out.writeBytes((name + ": " + value.replaceAll("[\\r\\n]", " ") + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private byte[] spamSample(byte[] message) {
        return message.length <= limits.maxSpamBytes() ? message : new byte[0];
    }

    private static boolean isBodyText(MimePart part, String type) {
        return (type.equals("text/plain") || type.equals("text/html"))
                && !MimeParts.isAttachmentDisposition(part)
                && MimeParts.filename(part).isEmpty();
    }

    private record Located(MimePart part, String path, int depth) {
        String childPath(int index) {
            return path.isEmpty() ? Integer.toString(index) : path + "." + index;
        }

        String displayPath() {
            return path.isEmpty() ? "1" : path;
        }
    }

}
