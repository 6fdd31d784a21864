package org.c4tap.mailets;

import jakarta.mail.MessagingException;
import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.apache.mailet.MailetContext;

/**
 * An address parameter that defaults to the postmaster. The postmaster is asked for when the
 * address is used, not in {@code init()}: James configures its mailet context's postmaster after
 * some mailets are initialised, and reading it too early gives null.
 */
record AddressOrPostmaster(Optional<MailAddress> configured, MailetContext context) {

    static AddressOrPostmaster read(InitParameters parameters, String name, MailetContext context) throws MessagingException {
        return new AddressOrPostmaster(parameters.optional(name, null) == null ? Optional.empty() : Optional.of(parameters.address(name)),
                context);
    }

    MailAddress get() throws MessagingException {
        if (configured.isPresent()) {
            return configured.get();
        }
        MailAddress postmaster = context.getPostmaster();
        if (postmaster == null) {
            throw new MessagingException("no address configured and James has no postmaster (<context><postmaster>)");
        }
        return postmaster;
    }
}
