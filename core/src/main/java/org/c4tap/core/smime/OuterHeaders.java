package org.c4tap.core.smime;

import java.util.List;
import java.util.Objects;

/**
 * The only header fields a sealed message shows in the clear. The subject is neutral (such as
 * {@code C4TAP report <id>}); the original subject, the scopes and everything else travel inside
 * the encryption.
 */
public record OuterHeaders(String from, List<String> to, String subject, String messageId) {

    public OuterHeaders {
        Objects.requireNonNull(from, "from");
        to = List.copyOf(to);
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(messageId, "messageId");
        if (to.isEmpty()) {
            throw new IllegalArgumentException("a sealed message needs a recipient");
        }
        for (String value : List.of(from, subject, messageId)) {
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header values must be single lines");
            }
        }
    }
}
