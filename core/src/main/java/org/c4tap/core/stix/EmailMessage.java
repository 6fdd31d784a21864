package org.c4tap.core.stix;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.internet.MailDateFormat;
import java.text.ParsePosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.c4tap.core.report.HeaderField;
import org.c4tap.core.report.OriginalHeaders;

/**
 * The reported mail as an {@code email-message}, from its headers part alone. The sender and
 * subject contribute to the identifier; the body would too, but the body is another part, under
 * its own scope, and only an excerpt of it, so it is never set here. Nor is
 * {@code body_multipart}: the attachments are another part as well, and their positions are
 * relative to the submission rather than to this message.
 *
 * @param multipart   whether the mail's Content-Type is multipart; false when it is not known
 * @param contentType the Content-Type field as written, or empty
 * @param date        the Date field, when it reads as an RFC 5322 date
 */
record EmailMessage(
        boolean multipart,
        String contentType,
        Optional<Instant> date,
        Optional<EmailAddress> from,
        Optional<EmailAddress> sender,
        List<EmailAddress> to,
        List<EmailAddress> cc,
        String messageId,
        String subject,
        List<String> receivedLines,
        AdditionalHeaderFields additionalHeaderFields) implements Observable {

    private static final Instant FIRST_TIMESTAMP = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LAST_TIMESTAMP = Instant.parse("9999-12-31T23:59:59.999Z");

    EmailMessage {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(sender, "sender");
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(subject, "subject");
        receivedLines = List.copyOf(receivedLines);
        Objects.requireNonNull(additionalHeaderFields, "additionalHeaderFields");
    }

    static EmailMessage of(OriginalHeaders headers) {
        String contentType = first(headers.fields(), "content-type");
        return new EmailMessage(
                contentType.toLowerCase(Locale.ROOT).startsWith("multipart/"),
                contentType,
                mailDate(headers.date()),
                EmailAddress.in(headers.from()).stream().findFirst(),
                EmailAddress.in(headers.sender()).stream().findFirst(),
                headers.to().stream().flatMap(mailbox -> EmailAddress.in(mailbox).stream()).toList(),
                headers.cc().stream().flatMap(mailbox -> EmailAddress.in(mailbox).stream()).toList(),
                headers.messageId(),
                headers.subject(),
                all(headers.fields(), "received"),
                AdditionalHeaderFields.of(headers.fields(), headers.replyTo()));
    }

    /** The addresses this message refers to, each to be an {@code email-addr} of the bundle. */
    List<EmailAddress> addresses() {
        List<EmailAddress> addresses = new ArrayList<>();
        from.ifPresent(addresses::add);
        sender.ifPresent(addresses::add);
        addresses.addAll(to);
        addresses.addAll(cc);
        return addresses;
    }

    @Override
    public String type() {
        return "email-message";
    }

    @Override
    public ObjectNode idContributingProperties() {
        ObjectNode contributing = JsonNodeFactory.instance.objectNode();
        from.ifPresent(address -> contributing.put("from_ref", address.id()));
        if (!subject.isEmpty()) {
            contributing.put("subject", subject);
        }
        return contributing;
    }

    @Override
    public ObjectNode properties() {
        ObjectNode properties = JsonNodeFactory.instance.objectNode();
        properties.put("is_multipart", multipart);
        date.ifPresent(sent -> properties.put("date", StixTimestamp.of(sent)));
        if (!contentType.isEmpty()) {
            properties.put("content_type", contentType);
        }
        from.ifPresent(address -> properties.put("from_ref", address.id()));
        sender.ifPresent(address -> properties.put("sender_ref", address.id()));
        putRefs(properties, "to_refs", to);
        putRefs(properties, "cc_refs", cc);
        if (!messageId.isEmpty()) {
            properties.put("message_id", messageId);
        }
        if (!subject.isEmpty()) {
            properties.put("subject", subject);
        }
        if (!receivedLines.isEmpty()) {
            ArrayNode lines = properties.putArray("received_lines");
            receivedLines.forEach(lines::add);
        }
        if (!additionalHeaderFields.isEmpty()) {
            properties.set("additional_header_fields", additionalHeaderFields.toJson());
        }
        return properties;
    }

    private static void putRefs(ObjectNode properties, String name, List<EmailAddress> addresses) {
        List<String> ids = addresses.stream().map(EmailAddress::id).distinct().toList();
        if (!ids.isEmpty()) {
            ArrayNode refs = properties.putArray(name);
            ids.forEach(refs::add);
        }
    }

    /**
     * The instant of an RFC 5322 date, read strictly (no 31 February, no unknown zone names) but
     * allowing the trailing comment mailers add, as in {@code +0900 (JST)}.
     */
    private static Optional<Instant> mailDate(String text) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        MailDateFormat format = new MailDateFormat();
        format.setLenient(false);
        Date parsed = format.parse(text.strip(), new ParsePosition(0));
        // A STIX timestamp has four digits of year; an attacker's year 99999 has no form there.
        return Optional.ofNullable(parsed).map(Date::toInstant)
                .filter(sent -> !sent.isBefore(FIRST_TIMESTAMP) && !sent.isAfter(LAST_TIMESTAMP));
    }

    private static String first(List<HeaderField> fields, String lowerCaseName) {
        return all(fields, lowerCaseName).stream().findFirst().orElse("");
    }

    private static List<String> all(List<HeaderField> fields, String lowerCaseName) {
        return fields.stream()
                .filter(field -> field.name().toLowerCase(Locale.ROOT).equals(lowerCaseName))
                .map(HeaderField::value)
                .toList();
    }
}
