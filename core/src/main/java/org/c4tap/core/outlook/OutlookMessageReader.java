package org.c4tap.core.outlook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Reads an Outlook {@code .msg} file ([MS-OXMSG]) into an {@link OutlookMessage}: header fields,
 * bodies and the exact bytes of each attachment, with attached messages read in turn. The
 * compound file is opened with POIFS; the MAPI storages are read here rather than through HSMF,
 * which reads every stream of the file eagerly and without bounds.
 *
 * <p>Bad input never throws: what cannot be read becomes an {@link OutlookNote} and the rest is
 * still returned. Everything is bounded by {@link OutlookLimits}, and no stream is copied unless
 * the file can hold it. Instances are immutable and may be shared between threads.
 */
public final class OutlookMessageReader {

    private static final DateTimeFormatter RFC_5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);
    private static final Charset OUTLOOK_DEFAULT_ANSI = WindowsCodepage.charset(1252).orElseThrow();
    private static final String RECIPIENTS = "__recip_version1.0_#";
    private static final String ATTACHMENTS = "__attach_version1.0_#";
    private static final long TO = 1;
    private static final long CC = 2;
    /** [MS-OXCMSG] 2.2.2.9 PidTagAttachMethod. */
    private static final long ATTACH_BY_VALUE = 1;
    private static final long ATTACH_EMBEDDED_MESSAGE = 5;
    private static final long ATTACH_OLE = 6;
    private static final List<Long> ATTACH_BY_REFERENCE = List.of(2L, 3L, 4L, 7L);

    private final OutlookLimits limits;

    public OutlookMessageReader(OutlookLimits limits) {
        this.limits = limits;
    }

    /** Reads a {@code .msg} file; never throws on bad input. */
    public OutlookMessage read(byte[] msgFile) {
        ReadScope scope = new ReadScope(limits, new ReadBudget(msgFile.length, limits.maxAttachments()), new ArrayList<>());
        if (msgFile.length == 0) {
            scope.note(OutlookNote.Kind.MSG_UNREADABLE, "the input is empty");
            return OutlookMessage.unread(scope.notes());
        }
        if (msgFile.length > limits.maxInputBytes()) {
            scope.note(OutlookNote.Kind.LIMIT_EXCEEDED,
                    "the input has " + msgFile.length + " bytes, more than the limit of " + limits.maxInputBytes());
            return OutlookMessage.unread(scope.notes());
        }
        return open(msgFile, scope)
                .map(fileSystem -> readMessage(fileSystem.getRoot(), PropertyStream.Header.TOP_LEVEL_MESSAGE, 0,
                        OUTLOOK_DEFAULT_ANSI, scope))
                .orElseGet(() -> OutlookMessage.unread(scope.notes()));
    }

    /** Opens the compound file, once its header shows POIFS can do so within bounds. */
    private static Optional<POIFSFileSystem> open(byte[] msgFile, ReadScope scope) {
        if (!CompoundFileLayout.looksLikeCompoundFile(msgFile)) {
            scope.note(OutlookNote.Kind.MSG_UNREADABLE, "not an OLE2 compound file");
            return Optional.empty();
        }
        if (msgFile.length < CompoundFileLayout.HEADER_BYTES) {
            scope.note(OutlookNote.Kind.MSG_TRUNCATED, "the compound file header is incomplete");
            return Optional.empty();
        }
        Optional<CompoundFileLayout> found = CompoundFileLayout.of(msgFile);
        if (found.isEmpty()) {
            scope.note(OutlookNote.Kind.MSG_UNREADABLE, "the compound file header is invalid");
            return Optional.empty();
        }
        CompoundFileLayout layout = found.get();
        if (layout.requiredLength() > msgFile.length) {
            scope.note(OutlookNote.Kind.MSG_TRUNCATED, "the file has " + msgFile.length
                    + " bytes; the sectors it allocates end at " + layout.requiredLength());
        }
        if (!layout.poifsReservationFits(msgFile.length)) {
            scope.note(OutlookNote.Kind.MSG_UNREADABLE, "the allocation table declares far more sectors than the file holds");
            return Optional.empty();
        }
        // Over a byte array POIFS holds no resource, so the file system is left to the collector.
        try {
            return Optional.of(new POIFSFileSystem(new ByteArrayInputStream(msgFile)));
        } catch (IOException | RuntimeException unreadable) {
            scope.note(OutlookNote.Kind.MSG_UNREADABLE,
                    "the compound file could not be opened (" + unreadable.getClass().getSimpleName() + ")");
            return Optional.empty();
        } catch (StackOverflowError deepDirectory) {
            // POIFS builds the directory tree recursively; a hostile file can nest storages deeply enough.
            scope.note(OutlookNote.Kind.MSG_UNREADABLE, "the compound file's directory nests too deeply");
            return Optional.empty();
        }
    }

    private OutlookMessage readMessage(DirectoryEntry directory, PropertyStream.Header header, int depth,
            Charset inheritedAnsi, ReadScope scope) {
        MapiStorage message = MapiStorage.open(directory, header, "message", OutlookNote.Kind.PROPERTY_UNREADABLE,
                inheritedAnsi, scope);
        if (message.holdsNoProperties()) {
            scope.note(OutlookNote.Kind.MSG_UNREADABLE, "the compound file holds no Outlook message");
            return OutlookMessage.unread(scope.notes());
        }
        String subject = message.string(MapiProperty.SUBJECT).orElse("");
        OutlookMailbox from = sender(message);
        List<String> to = new ArrayList<>();
        List<String> cc = new ArrayList<>();
        readRecipients(message, scope, to, cc);
        String date = message.time(MapiProperty.CLIENT_SUBMIT_TIME)
                .or(() -> message.time(MapiProperty.MESSAGE_DELIVERY_TIME))
                .map(RFC_5322_DATE::format)
                .orElse("");
        String messageId = message.string(MapiProperty.INTERNET_MESSAGE_ID).orElse("");
        String transportHeaders = message.string(MapiProperty.TRANSPORT_MESSAGE_HEADERS).orElse("");
        String textBody = message.string(MapiProperty.BODY).orElse("");
        String htmlBody = htmlBody(message, scope);
        List<OutlookAttachment> attachments = readAttachments(message, depth, scope);
        return new OutlookMessage(subject, from, to, cc, date, messageId, transportHeaders, textBody, htmlBody,
                attachments, scope.notes());
    }

    /**
     * The sender as the recipient saw it: the one sent for (sent-representing) if known, else the
     * sender. The sender's address stands in only when both are the same person.
     */
    private static OutlookMailbox sender(MapiStorage message) {
        String representingName = message.string(MapiProperty.SENT_REPRESENTING_NAME).orElse("");
        Optional<String> representingAddress = internetAddress(message, MapiProperty.SENT_REPRESENTING_SMTP_ADDRESS,
                MapiProperty.SENT_REPRESENTING_EMAIL_ADDRESS, MapiProperty.SENT_REPRESENTING_ADDRTYPE);
        String senderName = message.string(MapiProperty.SENDER_NAME).orElse("");
        Optional<String> senderAddress = internetAddress(message, MapiProperty.SENDER_SMTP_ADDRESS,
                MapiProperty.SENDER_EMAIL_ADDRESS, MapiProperty.SENDER_ADDRTYPE);
        if (representingName.isEmpty() && representingAddress.isEmpty()) {
            return new OutlookMailbox(senderName, senderAddress.orElse(""));
        }
        boolean samePerson = representingName.isEmpty() || representingName.equals(senderName);
        return new OutlookMailbox(representingName.isEmpty() ? senderName : representingName,
                representingAddress.or(() -> samePerson ? senderAddress : Optional.empty()).orElse(""));
    }

    /**
     * The SMTP address, else the e-mail address when it is an Internet one: Exchange stores its
     * X.500 distinguished name ({@code /O=…/CN=…}, address type {@code EX}) there instead.
     */
    private static Optional<String> internetAddress(MapiStorage storage, MapiProperty smtp, MapiProperty email,
            MapiProperty addressType) {
        Optional<String> smtpAddress = storage.string(smtp).filter(OutlookMessageReader::isInternetAddress);
        if (smtpAddress.isPresent()) {
            return smtpAddress;
        }
        String type = storage.string(addressType).orElse("");
        return storage.string(email)
                .filter(address -> type.isEmpty() || type.equalsIgnoreCase("SMTP"))
                .filter(OutlookMessageReader::isInternetAddress);
    }

    private static boolean isInternetAddress(String address) {
        return address.contains("@") && !address.startsWith("/");
    }

    private static void readRecipients(MapiStorage message, ReadScope scope, List<String> to, List<String> cc) {
        List<DirectoryEntry> storages = message.numberedStorages(RECIPIENTS);
        if (storages.isEmpty()) {
            // Without recipient storages only the display lists remain: names, no addresses.
            to.addAll(displayList(message, MapiProperty.DISPLAY_TO));
            cc.addAll(displayList(message, MapiProperty.DISPLAY_CC));
            return;
        }
        int number = 0;
        for (DirectoryEntry storage : storages) {
            number++;
            MapiStorage recipient = MapiStorage.open(storage, PropertyStream.Header.RECIPIENT_OR_ATTACHMENT,
                    "recipient " + number, OutlookNote.Kind.PROPERTY_UNREADABLE, message.ansi(), scope);
            String mailbox = new OutlookMailbox(recipient.string(MapiProperty.DISPLAY_NAME).orElse(""),
                    internetAddress(recipient, MapiProperty.SMTP_ADDRESS, MapiProperty.EMAIL_ADDRESS, MapiProperty.ADDRTYPE)
                            .orElse("")).formatted();
            // The high bits of the type are flags (such as MAPI_SUBMITTED); Bcc is not shown.
            long type = recipient.integer(MapiProperty.RECIPIENT_TYPE).orElse(TO) & 0x0FFFFFFF;
            if (mailbox.isEmpty()) {
                continue;
            }
            if (type == TO) {
                to.add(mailbox);
            } else if (type == CC) {
                cc.add(mailbox);
            }
        }
    }

    private static List<String> displayList(MapiStorage message, MapiProperty property) {
        return message.string(property).stream()
                .flatMap(list -> Arrays.stream(list.split(";")))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .toList();
    }

    /** The HTML property, else HTML encapsulated in the RTF body, else nothing. */
    private static String htmlBody(MapiStorage message, ReadScope scope) {
        if (message.has(MapiProperty.HTML, MapiType.BINARY)) {
            Optional<Charset> recorded = message.integer(MapiProperty.INTERNET_CPID).stream()
                    .mapToObj(WindowsCodepage::charset).flatMap(Optional::stream).findFirst();
            return message.binary(MapiProperty.HTML).map(html -> HtmlBytes.decode(html, recorded)).orElse("");
        }
        Optional<String> html = message.string(MapiProperty.HTML);
        if (html.isPresent()) {
            return html.get();
        }
        return message.binary(MapiProperty.RTF_COMPRESSED)
                .flatMap(rtf -> RtfBody.encapsulatedHtml(rtf, scope, "message"))
                .orElse("");
    }

    private List<OutlookAttachment> readAttachments(MapiStorage message, int depth, ReadScope scope) {
        List<DirectoryEntry> storages = message.numberedStorages(ATTACHMENTS);
        List<OutlookAttachment> attachments = new ArrayList<>();
        int number = 0;
        for (DirectoryEntry storage : storages) {
            number++;
            if (!scope.budget().takeAttachment()) {
                scope.note(OutlookNote.Kind.LIMIT_EXCEEDED, "more than " + limits.maxAttachments()
                        + " attachments in the file; " + (storages.size() - number + 1) + " of this message's "
                        + storages.size() + " were not read");
                break;
            }
            readAttachment(storage, "attachment " + number, message.ansi(), depth, scope).ifPresent(attachments::add);
        }
        return attachments;
    }

    private Optional<OutlookAttachment> readAttachment(DirectoryEntry storage, String where, Charset ansi, int depth,
            ReadScope scope) {
        MapiStorage attachment = MapiStorage.open(storage, PropertyStream.Header.RECIPIENT_OR_ATTACHMENT, where,
                OutlookNote.Kind.ATTACHMENT_UNREADABLE, ansi, scope);
        String filename = attachment.string(MapiProperty.ATTACH_LONG_FILENAME)
                .or(() -> attachment.string(MapiProperty.ATTACH_FILENAME))
                .orElse("");
        String mimeType = attachment.string(MapiProperty.ATTACH_MIME_TAG).orElse("");
        long method = attachment.integer(MapiProperty.ATTACH_METHOD).orElse(ATTACH_BY_VALUE);
        Optional<DirectoryEntry> object = attachment.storage(MapiProperty.ATTACH_DATA);
        if (method == ATTACH_EMBEDDED_MESSAGE || (object.isPresent() && method != ATTACH_OLE)) {
            return Optional.of(new OutlookAttachment.Embedded(filename, mimeType,
                    attachedMessage(object, where, ansi, depth, scope)));
        }
        if (ATTACH_BY_REFERENCE.contains(method)) {
            scope.note(OutlookNote.Kind.ATTACHMENT_UNREADABLE, where + ": attached by reference; the file holds no data");
            return Optional.empty();
        }
        if (!attachment.has(MapiProperty.ATTACH_DATA, MapiType.BINARY)) {
            scope.note(OutlookNote.Kind.ATTACHMENT_UNREADABLE, where + (object.isPresent()
                    ? ": an OLE object storage, which is not read"
                    : ": no data"));
            return Optional.empty();
        }
        return attachment.wholeBinary(MapiProperty.ATTACH_DATA)
                .map(data -> new OutlookAttachment.File(filename, mimeType, data));
    }

    private Optional<OutlookMessage> attachedMessage(Optional<DirectoryEntry> object, String where, Charset ansi,
            int depth, ReadScope scope) {
        if (object.isEmpty()) {
            scope.note(OutlookNote.Kind.ATTACHMENT_UNREADABLE, where + ": an attached message without its storage");
            return Optional.empty();
        }
        if (depth >= limits.maxEmbeddedDepth()) {
            scope.note(OutlookNote.Kind.LIMIT_EXCEEDED, where + ": an attached message nested deeper than "
                    + limits.maxEmbeddedDepth() + " levels; not read");
            return Optional.empty();
        }
        return Optional.of(readMessage(object.get(), PropertyStream.Header.EMBEDDED_MESSAGE, depth + 1, ansi,
                scope.forAttachedMessage()));
    }
}
