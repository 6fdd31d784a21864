package org.c4tap.cli.demo;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Date;
import org.c4tap.core.message.MimeParts;

/**
 * A made-up suspected targeted-attack mail, as an employee of the demo bank receives it (Japanese
 * subject, a link, one attachment with a Japanese name), and its forward to the report address as
 * an attachment. The attachment's bytes are random, so every run has its own SHA-256.
 */
public final class SuspiciousMail {

    public static final String SUBJECT = "【至急】ご請求書送付のお知らせ（11月分）";
    public static final String ATTACHMENT_NAME = "請求書_2026年11月.pdf";
    public static final String URL = "http://invoice-check.example.net/login?id=4821";
    public static final String SENDER = "keiri@invoice-check.example.net";

    private static final SecureRandom RANDOM = new SecureRandom();

    private SuspiciousMail() {
    }

    /** The attack mail and its attachment's bytes. */
    public record Sample(byte[] message, byte[] attachment) {
    }

    public static Sample sample(String victim) throws MessagingException, IOException {
        byte[] attachment = fakePdf();
        MimeMessage message = new MimeMessage(MimeParts.session());
        message.setFrom(new InternetAddress(SENDER, "経理部 佐藤", "UTF-8"));
        message.setRecipients(MimeMessage.RecipientType.TO, InternetAddress.parse(victim));
        message.setSubject(SUBJECT, "UTF-8");
        message.setSentDate(new Date());
        message.setHeader("X-Mailer", "Microsoft Outlook 16.0");
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(bytesPart(("""
                いつもお世話になっております。
                11月分のご請求書をお送りします。至急ご確認のうえ、下記よりお手続きください。
                %s

                添付ファイルのパスワードは別途お送りします。
                """.formatted(URL)).getBytes(StandardCharsets.UTF_8), "text/plain; charset=UTF-8", null));
        mixed.addBodyPart(bytesPart(attachment, "application/pdf", ATTACHMENT_NAME));
        message.setContent(mixed);
        message.saveChanges();
        return new Sample(bytes(message), attachment);
    }

    /** The employee's forward of {@code original} to the report address, as an attachment. */
    public static byte[] forwardAsAttachment(byte[] original, String employee, String reportAddress) throws MessagingException, IOException {
        MimeMessage forward = new MimeMessage(MimeParts.session());
        forward.setFrom(new InternetAddress(employee));
        forward.setRecipients(MimeMessage.RecipientType.TO, InternetAddress.parse(reportAddress));
        forward.setSubject("FW: " + SUBJECT, "UTF-8");
        forward.setSentDate(new Date());
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(bytesPart("不審なメールを受信しました。確認をお願いします。\n".getBytes(StandardCharsets.UTF_8),
                "text/plain; charset=UTF-8", null));
        MimeBodyPart attached = new MimeBodyPart();
        attached.setDataHandler(new DataHandler(new ByteArrayDataSource(original, "message/rfc822")));
        attached.setHeader("Content-Type", "message/rfc822");
        attached.setDisposition(MimeBodyPart.ATTACHMENT);
        mixed.addBodyPart(attached);
        forward.setContent(mixed);
        forward.saveChanges();
        return bytes(forward);
    }

    private static MimeBodyPart bytesPart(byte[] content, String type, String filename) throws MessagingException {
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

    private static byte[] fakePdf() {
        byte[] noise = new byte[48 * 1024];
        RANDOM.nextBytes(noise);
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        pdf.writeBytes("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj << /Type /Catalog >> endobj\n".getBytes(StandardCharsets.ISO_8859_1));
        pdf.writeBytes(noise);
        pdf.writeBytes("\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1));
        return pdf.toByteArray();
    }

    private static byte[] bytes(MimeMessage message) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }
}
