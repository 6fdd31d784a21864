package org.c4tap.core.outlook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.apache.poi.hmef.Attachment;
import org.apache.poi.hmef.HMEFMessage;
import org.apache.poi.hmef.attribute.MAPIAttribute;
import org.apache.poi.hmef.attribute.MAPIRtfAttribute;
import org.apache.poi.hmef.attribute.TNEFAttribute;
import org.apache.poi.hmef.attribute.TNEFProperty;

/**
 * Reads a TNEF stream ({@code winmail.dat}, [MS-OXTNEF]) into {@link TnefContents} with POI's
 * HMEF. HMEF parses a whole stream or nothing, and rejects attributes over its fixed size limits;
 * so the stream is first scanned here ({@link TnefStream}) and HMEF is given the message
 * attributes, then each attachment's, separately. A part HMEF cannot parse costs only that part.
 *
 * <p>Strings are decoded here from their raw bytes: HMEF reads 8-bit strings as CP1252 or
 * Latin-1 whatever the stream's code page, and its string helpers log values they do not expect.
 * Bad input never throws; instances are immutable and may be shared between threads.
 */
public final class TnefReader {

    private static final int OEM_CODEPAGE = 0x9007;
    private static final int ATTACH_RENDERING = 0x9002;
    private static final int MESSAGE_MAPI_PROPERTIES = 0x9003;
    private static final int ATTACHMENT_MAPI_PROPERTIES = 0x9005;
    private static final Charset DEFAULT_OEM = WindowsCodepage.charset(1252).orElseThrow();

    private final OutlookLimits limits;

    public TnefReader(OutlookLimits limits) {
        this.limits = limits;
    }

    /** Reads a TNEF stream; never throws on bad input. */
    public TnefContents read(byte[] winmailDat) {
        ReadScope scope = new ReadScope(limits, new ReadBudget(winmailDat.length, limits.maxAttachments()), new ArrayList<>());
        if (winmailDat.length == 0) {
            scope.note(OutlookNote.Kind.TNEF_UNREADABLE, "the input is empty");
            return TnefContents.unread(scope.notes());
        }
        if (winmailDat.length > limits.maxInputBytes()) {
            scope.note(OutlookNote.Kind.LIMIT_EXCEEDED,
                    "the input has " + winmailDat.length + " bytes, more than the limit of " + limits.maxInputBytes());
            return TnefContents.unread(scope.notes());
        }
        TnefStream stream = TnefStream.scan(winmailDat, scope.notes());
        noteChecksums(stream, scope);
        Charset oem = oemCharset(stream);
        List<TnefStream.Attribute> messageAttributes = stream.attributes().stream()
                .filter(attribute -> attribute.level() == TnefStream.LEVEL_MESSAGE).toList();
        Optional<HMEFMessage> message = messageAttributes.isEmpty()
                ? Optional.empty()
                : parse(stream, messageAttributes, "the message attributes", OutlookNote.Kind.TNEF_UNREADABLE, scope);
        String textBody = message.map(parsed -> textBody(parsed, oem, scope)).orElse("");
        String htmlBody = message.map(parsed -> htmlBody(parsed, scope)).orElse("");
        return new TnefContents(textBody, htmlBody, attachments(stream, oem, scope), scope.notes());
    }

    private static void noteChecksums(TnefStream stream, ReadScope scope) {
        for (int i = 0; i < stream.attributes().size(); i++) {
            if (!stream.attributes().get(i).checksumMatches()) {
                scope.note(OutlookNote.Kind.TNEF_CHECKSUM_MISMATCH, "attribute " + (i + 1) + " does not match its checksum");
            }
        }
    }

    private static Charset oemCharset(TnefStream stream) {
        return stream.attributes().stream()
                .filter(attribute -> attribute.level() == TnefStream.LEVEL_MESSAGE && attribute.id() == OEM_CODEPAGE
                        && attribute.length() >= 4)
                .findFirst()
                .flatMap(attribute -> WindowsCodepage.charset(
                        ByteBuffer.wrap(stream.data(attribute)).order(ByteOrder.LITTLE_ENDIAN).getInt(0)))
                .orElse(DEFAULT_OEM);
    }

    /**
     * Parses the given attributes with HMEF. Attributes over HMEF's size limit are left out with a
     * note; if HMEF fails on the MAPI properties, it is tried once more without them.
     */
    private static Optional<HMEFMessage> parse(TnefStream stream, List<TnefStream.Attribute> attributes, String what,
            OutlookNote.Kind failureKind, ReadScope scope) {
        List<TnefStream.Attribute> parsable = new ArrayList<>();
        for (TnefStream.Attribute attribute : attributes) {
            if (attribute.length() > TNEFAttribute.getMaxRecordLength()) {
                scope.note(OutlookNote.Kind.LIMIT_EXCEEDED, what + ": an attribute of " + attribute.length()
                        + " bytes, over POI's TNEF attribute limit of " + TNEFAttribute.getMaxRecordLength() + "; not read");
            } else {
                parsable.add(attribute);
            }
        }
        try {
            return Optional.of(hmef(stream.subset(parsable)));
        } catch (IOException | RuntimeException unparsable) {
            Predicate<TnefStream.Attribute> mapiProperties =
                    attribute -> attribute.id() == MESSAGE_MAPI_PROPERTIES || attribute.id() == ATTACHMENT_MAPI_PROPERTIES;
            List<TnefStream.Attribute> withoutMapi = parsable.stream().filter(mapiProperties.negate()).toList();
            if (withoutMapi.size() < parsable.size()) {
                try {
                    Optional<HMEFMessage> parsed = Optional.of(hmef(stream.subset(withoutMapi)));
                    scope.note(failureKind, what + ": MAPI properties could not be parsed ("
                            + unparsable.getClass().getSimpleName() + ")");
                    return parsed;
                } catch (IOException | RuntimeException stillUnparsable) {
                    // noted below, with the first failure
                }
            }
            scope.note(failureKind, what + " could not be parsed (" + unparsable.getClass().getSimpleName() + ")");
            return Optional.empty();
        }
    }

    private static HMEFMessage hmef(byte[] stream) throws IOException {
        return new HMEFMessage(new ByteArrayInputStream(stream));
    }

    private static String textBody(HMEFMessage message, Charset oem, ReadScope scope) {
        Charset ansi = integer(message.getMessageMAPIAttributes(), MapiProperty.MESSAGE_CODEPAGE).stream()
                .mapToObj(WindowsCodepage::charset).flatMap(Optional::stream).findFirst().orElse(oem);
        Optional<String> mapiBody = string(message.getMessageMAPIAttributes(), MapiProperty.BODY, ansi, scope);
        if (mapiBody.isPresent()) {
            return mapiBody.get();
        }
        TNEFAttribute body = message.getMessageAttribute(TNEFProperty.ID_BODY);
        return body == null ? "" : decode(body.getData(), oem, "message body", scope);
    }

    private static String htmlBody(HMEFMessage message, ReadScope scope) {
        List<MAPIAttribute> properties = message.getMessageMAPIAttributes();
        Optional<MAPIAttribute> html = find(properties, MapiProperty.HTML);
        if (html.isPresent() && html.get().getType() == MapiType.BINARY.code) {
            Optional<Charset> recorded = integer(properties, MapiProperty.INTERNET_CPID).stream()
                    .mapToObj(WindowsCodepage::charset).flatMap(Optional::stream).findFirst();
            byte[] bytes = html.get().getData();
            int limit = scope.limits().maxPropertyBytes();
            if (bytes.length > limit) {
                scope.note(OutlookNote.Kind.LIMIT_EXCEEDED, "message HTML body: " + bytes.length + " bytes, kept the first " + limit);
                bytes = Arrays.copyOf(bytes, limit);
            }
            return HtmlBytes.decode(bytes, recorded);
        }
        Optional<String> htmlString = string(properties, MapiProperty.HTML, DEFAULT_OEM, scope);
        if (htmlString.isPresent()) {
            return htmlString.get();
        }
        return find(properties, MapiProperty.RTF_COMPRESSED)
                .filter(MAPIRtfAttribute.class::isInstance)
                .flatMap(rtf -> RtfBody.encapsulatedHtml(((MAPIRtfAttribute) rtf).getRawData(), scope, "message"))
                .orElse("");
    }

    private List<OutlookAttachment.File> attachments(TnefStream stream, Charset oem, ReadScope scope) {
        List<List<TnefStream.Attribute>> groups = attachmentGroups(stream);
        List<OutlookAttachment.File> attachments = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            if (!scope.budget().takeAttachment()) {
                scope.note(OutlookNote.Kind.LIMIT_EXCEEDED, "more than " + limits.maxAttachments() + " attachments; "
                        + (groups.size() - i) + " of " + groups.size() + " were not read");
                break;
            }
            String where = "attachment " + (i + 1);
            List<TnefStream.Attribute> group = groups.get(i);
            parse(stream, group, where, OutlookNote.Kind.ATTACHMENT_UNREADABLE, scope)
                    .flatMap(parsed -> parsed.getAttachments().stream().findFirst())
                    .flatMap(attachment -> file(attachment, group, where, oem, scope))
                    .ifPresent(attachments::add);
        }
        return attachments;
    }

    /** The attachment attributes, one group per attachment: each begins with its rendering data. */
    private static List<List<TnefStream.Attribute>> attachmentGroups(TnefStream stream) {
        List<List<TnefStream.Attribute>> groups = new ArrayList<>();
        for (TnefStream.Attribute attribute : stream.attributes()) {
            if (attribute.level() != TnefStream.LEVEL_ATTACHMENT) {
                continue;
            }
            if (groups.isEmpty() || attribute.id() == ATTACH_RENDERING) {
                groups.add(new ArrayList<>());
            }
            groups.get(groups.size() - 1).add(attribute);
        }
        return groups;
    }

    private static Optional<OutlookAttachment.File> file(Attachment attachment, List<TnefStream.Attribute> group,
            String where, Charset oem, ReadScope scope) {
        List<MAPIAttribute> properties = attachment.getMAPIAttributes();
        TNEFAttribute data = attachment.getAttribute(TNEFProperty.ID_ATTACHDATA);
        if (data == null) {
            boolean dataLeftOut = group.stream().anyMatch(attribute -> attribute.id() == TNEFProperty.ID_ATTACHDATA.id);
            if (!dataLeftOut) {
                boolean attachedMessage = integer(properties, MapiProperty.ATTACH_METHOD).orElse(1) == 5;
                scope.note(OutlookNote.Kind.ATTACHMENT_UNREADABLE, where
                        + (attachedMessage ? ": an attached message, which is not read from TNEF" : ": no data"));
            }
            return Optional.empty();
        }
        TNEFAttribute title = attachment.getAttribute(TNEFProperty.ID_ATTACHTITLE);
        String filename = string(properties, MapiProperty.ATTACH_LONG_FILENAME, oem, scope)
                .or(() -> Optional.ofNullable(title).map(t -> decode(t.getData(), oem, where + " title", scope)))
                .or(() -> string(properties, MapiProperty.ATTACH_FILENAME, oem, scope))
                .orElse("");
        String mimeType = string(properties, MapiProperty.ATTACH_MIME_TAG, oem, scope).orElse("");
        return Optional.of(new OutlookAttachment.File(filename, mimeType, data.getData()));
    }

    private static Optional<MAPIAttribute> find(List<MAPIAttribute> properties, MapiProperty property) {
        return properties.stream().filter(attribute -> attribute.getProperty().id == property.id).findFirst();
    }

    private static OptionalLong integer(List<MAPIAttribute> properties, MapiProperty property) {
        return find(properties, property)
                .filter(attribute -> attribute.getType() == MapiType.INTEGER32.code && attribute.getData().length >= 4)
                .map(attribute -> OptionalLong.of(ByteBuffer.wrap(attribute.getData()).order(ByteOrder.LITTLE_ENDIAN).getInt(0)))
                .orElse(OptionalLong.empty());
    }

    private static Optional<String> string(List<MAPIAttribute> properties, MapiProperty property, Charset ansi,
            ReadScope scope) {
        return find(properties, property).flatMap(attribute -> {
            String what = "property " + property.hex(attribute.getType() == MapiType.UNICODE.code ? MapiType.UNICODE : MapiType.STRING8);
            if (attribute.getType() == MapiType.UNICODE.code) {
                return Optional.of(decode(attribute.getData(), StandardCharsets.UTF_16LE, what, scope));
            }
            if (attribute.getType() == MapiType.STRING8.code) {
                return Optional.of(decode(attribute.getData(), ansi, what, scope));
            }
            return Optional.empty();
        });
    }

    /** Text from raw bytes, cut at the property limit, without the terminating NULs TNEF keeps. */
    private static String decode(byte[] bytes, Charset charset, String what, ReadScope scope) {
        int limit = scope.limits().maxPropertyBytes();
        int length = bytes.length;
        if (length > limit) {
            scope.note(OutlookNote.Kind.LIMIT_EXCEEDED, what + ": " + length + " bytes, kept the first " + limit);
            length = limit;
        }
        if (charset.equals(StandardCharsets.UTF_16LE)) {
            length &= ~1;
        }
        String text = new String(bytes, 0, length, charset);
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '\0') {
            end--;
        }
        return text.substring(0, end);
    }
}
