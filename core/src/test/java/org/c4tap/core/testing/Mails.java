package org.c4tap.core.testing;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.c4tap.core.message.MimeParts;

/** Builds test mails the way mail clients shape them. */
public final class Mails {

    private Mails() {
    }

    /** A suspicious mail with a text body and one attachment. */
    public static MimeMessage suspicious(String subject, String body, String attachmentName, byte[] attachment) throws MessagingException {
        MimeMessage message = new MimeMessage(MimeParts.session());
        message.setFrom(new InternetAddress("attacker@evil.example"));
        message.setRecipients(MimeMessage.RecipientType.TO, "victim@bank.example");
        message.setSubject(subject, "UTF-8");
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(part(body.getBytes(StandardCharsets.UTF_8), "text/plain; charset=UTF-8", null));
        if (attachment != null) {
            mixed.addBodyPart(part(attachment, "application/octet-stream", attachmentName));
        }
        message.setContent(mixed);
        message.saveChanges();
        message.setHeader("Message-ID", "<attack-1@evil.example>");
        return message;
    }

    /** An employee's forward of {@code original} as a message/rfc822 attachment. */
    public static MimeMessage forward(MimeMessage original, String employee) throws MessagingException, IOException {
        MimeMessage forward = new MimeMessage(MimeParts.session());
        forward.setFrom(new InternetAddress(employee));
        forward.setRecipients(MimeMessage.RecipientType.TO, "report@bank.example");
        forward.setSubject("FW: suspicious", "UTF-8");
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(part("please check".getBytes(StandardCharsets.UTF_8), "text/plain; charset=UTF-8", null));
        MimeBodyPart attached = new MimeBodyPart();
        attached.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes(original), "message/rfc822")));
        attached.setHeader("Content-Type", "message/rfc822");
        attached.setDisposition(MimeBodyPart.ATTACHMENT);
        mixed.addBodyPart(attached);
        forward.setContent(mixed);
        forward.saveChanges();
        return reparse(forward);
    }

    public static byte[] bytes(MimeMessage message) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    /** The message as a receiving server would have it: parsed from its bytes. */
    public static MimeMessage reparse(MimeMessage message) throws MessagingException, IOException {
        return new MimeMessage(MimeParts.session(), new ByteArrayInputStream(bytes(message)));
    }

    public static MimeMessage parse(byte[] bytes) throws MessagingException {
        return new MimeMessage(MimeParts.session(), new ByteArrayInputStream(bytes));
    }

    private static MimeBodyPart part(byte[] content, String type, String filename) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
        part.setHeader("Content-Type", type);
        if (filename != null) {
            part.setDisposition(MimeBodyPart.ATTACHMENT);
            part.setFileName(filename);
        }
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }
}
