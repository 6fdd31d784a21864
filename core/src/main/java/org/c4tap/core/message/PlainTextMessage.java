package org.c4tap.core.message;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;

/** A short UTF-8 text mail, for acknowledgements, explanations and administrator notices. */
public final class PlainTextMessage {

    private PlainTextMessage() {
    }

    public static MimeMessage create(String from, String to, String subject, String text) throws MessagingException {
        MimeMessage message = new MimeMessage(MimeParts.session());
        message.setFrom(new InternetAddress(from));
        message.setRecipients(MimeMessage.RecipientType.TO, InternetAddress.parse(to));
        try {
            message.setSubject(MimeUtility.encodeText(subject, "UTF-8", "B"));
        } catch (UnsupportedEncodingException impossible) {
            throw new IllegalStateException(impossible);
        }
        message.setSentDate(new Date());
        message.setHeader("Auto-Submitted", "auto-replied");
        message.setDataHandler(new DataHandler(new ByteArrayDataSource(text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=UTF-8")));
        message.setHeader("Content-Type", "text/plain; charset=UTF-8");
        message.setHeader("Content-Transfer-Encoding", "base64");
        message.saveChanges();
        return message;
    }
}
