package org.c4tap.core.message;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.internet.MimePart;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * Reads MIME structure without Jakarta Activation's content handlers, whose registry depends on
 * the thread's class loader (and so behaves differently inside a mail server than in a test).
 */
public final class MimeParts {

    private static final Session SESSION = Session.getInstance(new Properties());

    private MimeParts() {
    }

    public static Session session() {
        return SESSION;
    }

    /** The part's media type, lower case and without parameters; {@code application/octet-stream} when unreadable. */
    public static String baseType(Part part) {
        try {
            String header = part.getContentType();
            if (header == null) {
                return "text/plain";
            }
            return new ContentType(header).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException | RuntimeException e) {
            return "application/octet-stream";
        }
    }

    public static String charset(Part part) {
        try {
            String header = part.getContentType();
            return header == null ? null : new ContentType(header).getParameter("charset");
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The part's multipart: parsed from its raw bytes, or, for a part built in memory and not yet
     * serialised, the multipart object it was given.
     */
    public static MimeMultipart multipart(MimePart part) throws MessagingException {
        DataHandler handler = part.getDataHandler();
        if (!(handler.getDataSource() instanceof MimePartDataSource)) {
            try {
                if (handler.getContent() instanceof MimeMultipart built) {
                    return built;
                }
            } catch (IOException e) {
                throw new MessagingException("cannot read the part's content", e);
            }
        }
        return new MimeMultipart(new MimePartDataSource(part));
    }

    /** An attached {@code message/rfc822} part, parsed as a message of its own. */
    public static MimeMessage attachedMessage(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return new MimeMessage(SESSION, in);
        }
    }

    /**
     * The decoded text of a text part, at most {@code maxChars} characters. An unknown or missing
     * charset is read as UTF-8 with replacement characters, never as an error.
     */
    public static String text(Part part, int maxChars) throws MessagingException, IOException {
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readNBytes(Math.max(0, maxChars) * 4);
        }
        String text = new String(bytes, charsetOrUtf8(charset(part)));
        return text.length() > maxChars ? text.substring(0, maxChars) : text;
    }

    static Charset charsetOrUtf8(String name) {
        if (name == null || name.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name.strip());
        } catch (RuntimeException unknown) {
            return StandardCharsets.UTF_8;
        }
    }

    /** The part's decoded file name, or the empty string. */
    public static String filename(Part part) {
        try {
            String name = part.getFileName();
            return name == null ? "" : HeaderText.decode(name);
        } catch (MessagingException | RuntimeException e) {
            return "";
        }
    }

    public static boolean isAttachmentDisposition(Part part) {
        try {
            return Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition());
        } catch (MessagingException | RuntimeException e) {
            return false;
        }
    }
}
