package org.c4tap.core.reply;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The submission an answer replies to, so that the reporter's mail client shows the acknowledgement
 * or the explanation under the mail they sent. Only a plain, well-formed Message-ID is ever copied
 * into a header: a submission's field is the sender's to shape, and may be anything.
 */
public record InReplyTo(String messageId) {

    /** {@code <left@right>} of printable ASCII, without angle brackets inside, at most 250 characters. */
    private static final Pattern MESSAGE_ID = Pattern.compile("<[!-;=?-~]{1,248}@[!-;=?-~]{1,248}>");

    public InReplyTo {
        if (messageId == null || messageId.length() > 250 || !MESSAGE_ID.matcher(messageId).matches()) {
            throw new IllegalArgumentException("not a plain Message-ID");
        }
    }

    /** The Message-ID in a header value, when it is a plain, well-formed one. */
    public static Optional<InReplyTo> of(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        return value.length() <= 250 && MESSAGE_ID.matcher(value).matches() ? Optional.of(new InReplyTo(value)) : Optional.empty();
    }

    /** The first Message-ID field of a message, when it is a plain one. */
    public static Optional<InReplyTo> of(MimeMessage message) {
        try {
            String[] values = message.getHeader("Message-ID");
            return values == null || values.length == 0 ? Optional.empty() : of(values[0]);
        } catch (MessagingException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    void applyTo(MimeMessage answer) throws MessagingException {
        answer.setHeader("In-Reply-To", messageId);
        answer.setHeader("References", messageId);
    }
}
