package org.c4tap.core.stix;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import org.c4tap.core.message.Mailbox;

/**
 * An {@code email-addr}: an address as written (the addr-spec only), with the display name the
 * headers gave it, if any. Only the address contributes to the identifier.
 */
record EmailAddress(String value, String displayName) implements Observable {

    EmailAddress {
        Objects.requireNonNull(value, "value");
        displayName = displayName == null ? "" : displayName;
    }

    /** An address found among the indicators, where no display name goes with it. */
    static EmailAddress of(String value) {
        return new EmailAddress(value, "");
    }

    /** The addresses of a header field's mailboxes (rendered as "Name &lt;address&gt;"); a group's name alone is none. */
    static List<EmailAddress> in(String mailboxes) {
        return Mailbox.parseList(mailboxes).stream()
                .filter(mailbox -> !mailbox.address().isEmpty())
                .map(mailbox -> new EmailAddress(mailbox.address(), mailbox.displayName()))
                .toList();
    }

    @Override
    public String type() {
        return "email-addr";
    }

    @Override
    public ObjectNode idContributingProperties() {
        return JsonNodeFactory.instance.objectNode().put("value", value);
    }

    @Override
    public ObjectNode properties() {
        ObjectNode properties = idContributingProperties();
        if (!displayName.isEmpty()) {
            properties.put("display_name", displayName);
        }
        return properties;
    }
}
