package org.c4tap.core.notice;

import jakarta.mail.internet.MimeMessage;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.c4tap.core.scope.Part;

/**
 * A report's WHITE parts as the council publishes them: clear-signed, not encrypted, to public
 * addresses.
 *
 * @param parts     the parts it holds, each one WHITE
 * @param addresses where it goes
 */
public record Publication(Set<Part> parts, List<String> addresses, MimeMessage signed) {

    public Publication {
        parts = Collections.unmodifiableSet(parts.isEmpty() ? EnumSet.noneOf(Part.class) : EnumSet.copyOf(parts));
        addresses = List.copyOf(addresses);
    }
}
