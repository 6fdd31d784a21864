package org.c4tap.core.message;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;

/**
 * A message that keeps the Message-ID it was given. Plain {@link MimeMessage} replaces it on every
 * {@code saveChanges()}, which would break the link between a report and its relay.
 */
public final class FixedIdMimeMessage extends MimeMessage {

    public FixedIdMimeMessage(Session session, InputStream in) throws MessagingException {
        super(session, in);
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        if (getHeader("Message-ID") == null) {
            super.updateMessageID();
        }
    }
}
