package org.c4tap.core.smime;

import java.util.List;
import java.util.Objects;

/**
 * The header fields of a sealed message. Only From, To, Date, Message-ID and the neutral
 * {@code subject} stay outside; the {@code protectedSubject} (which may name the reported mail's
 * subject) travels inside the encryption with copies of the others, as RFC 9788 header protection
 * specifies.
 */
public record OuterHeaders(String from, List<String> to, String subject, String protectedSubject, String messageId) {

    public OuterHeaders {
        Objects.requireNonNull(from, "from");
        to = List.copyOf(to);
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(protectedSubject, "protectedSubject");
        Objects.requireNonNull(messageId, "messageId");
        if (to.isEmpty()) {
            throw new IllegalArgumentException("a sealed message needs a recipient");
        }
        for (String value : List.of(from, subject, protectedSubject, messageId)) {
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header values must be single lines");
            }
        }
        for (String value : to) {
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header values must be single lines");
            }
        }
    }

    /** Headers whose protected subject is the outer one. */
    public OuterHeaders(String from, List<String> to, String subject, String messageId) {
        this(from, to, subject, subject, messageId);
    }
}
