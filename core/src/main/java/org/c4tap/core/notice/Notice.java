package org.c4tap.core.notice;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.c4tap.core.audience.Delivery;

/**
 * One organisation's sealed notice: the parts it may see, signed by the council and encrypted to
 * that organisation's certificates only.
 *
 * @param addresses the organisation's addresses the notice goes to
 */
public record Notice(Delivery delivery, List<String> addresses, MimeMessage sealed) {

    public Notice {
        addresses = List.copyOf(addresses);
    }
}
