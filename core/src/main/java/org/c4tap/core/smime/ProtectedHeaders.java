package org.c4tap.core.smime;

import java.util.List;

/**
 * The header fields a sealed message carried inside its signature (RFC 9788): the ones to trust,
 * whatever the outer header section says.
 *
 * @param declared whether the signed entity declared header protection ({@code hp="cipher"})
 */
public record ProtectedHeaders(String from, List<String> to, String subject, String date, String messageId, boolean declared) {

    public ProtectedHeaders {
        to = List.copyOf(to);
    }
}
