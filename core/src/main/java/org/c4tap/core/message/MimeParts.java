package org.c4tap.core.message;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.internet.MimePart;
import java.io.IOException;
import java.util.Properties;
import org.c4tap.core.text.DecodedText;
import org.c4tap.core.text.TextDecoder;

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
            String value = ContentHeader.parse(header).value();
            return value.matches("[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+") ? value : "application/octet-stream";
        } catch (MessagingException | RuntimeException e) {
            return "application/octet-stream";
        }
    }

    public static String charset(Part part) {
        try {
            String header = part.getContentType();
            return header == null ? null : ContentHeader.parse(header).parameter("charset").orElse(null);
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    /** The part's encoded size in bytes, or 0 when unknown. */
    public static long size(Part part) {
        try {
            return Math.max(0, part.getSize());
        } catch (MessagingException | RuntimeException e) {
            return 0;
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

    /** The decoded bytes of a part, at most {@code limit} of them, exactly as they are. */
    public static byte[] decodedBytes(MimePart part, int limit) throws MessagingException, IOException {
        try (TransferDecoding.Decoded decoded = TransferDecoding.open(part)) {
            return decoded.stream().readNBytes(limit);
        }
    }

    /** A message parsed from its bytes (which it keeps, without copying). */
    public static MimeMessage parse(byte[] bytes) throws MessagingException {
        return new MimeMessage(SESSION, new jakarta.mail.util.SharedByteArrayInputStream(bytes));
    }

    /**
     * Decoded bytes, and what the transfer decoding had to repair on the way.
     *
     * @param encoding the Content-Transfer-Encoding, lower case
     * @param repairs  how many malformed sequences were skipped or kept as they were
     */
    public record Decoded(byte[] bytes, String encoding, long repairs) {
    }

    /** The decoded bytes of a part, at most {@code limit} of them, with the repairs their decoding needed. */
    public static Decoded decoded(MimePart part, int limit) throws MessagingException, IOException {
        try (TransferDecoding.Decoded decoded = TransferDecoding.open(part)) {
            byte[] bytes = decoded.stream().readNBytes(limit);
            if (bytes.length < limit) {
                decoded.stream().read(); // reach the end, so that a damaged last quantum is counted
            }
            return new Decoded(bytes, decoded.encoding(), decoded.stream().repairs());
        }
    }

    /**
     * The text of a text part and what its transfer decoding had to repair.
     *
     * @param text     the decoded text
     * @param encoding the Content-Transfer-Encoding, lower case
     * @param repairs  how many malformed transfer-encoding sequences were skipped or kept as they were
     * @param cut      whether the text went on past {@code maxChars}
     */
    public record Text(DecodedText text, String encoding, long repairs, boolean cut) {
    }

    /**
     * The decoded text of a text part, at most {@code maxChars} characters, with the charset that
     * was really used. A missing, unknown or lying charset label never makes this fail.
     */
    public static DecodedText text(MimePart part, int maxChars) throws MessagingException, IOException {
        return readText(part, maxChars).text();
    }

    /** As {@link #text}, with what the transfer decoding repaired. */
    public static Text readText(MimePart part, int maxChars) throws MessagingException, IOException {
        int cap = Math.max(0, maxChars) * 4;
        Decoded decoded = decoded(part, cap);
        byte[] bytes = decoded.bytes();
        boolean cut = bytes.length == cap;
        if (cut) {
            // cut at a line end so that the last character is not split (or an ISO-2022-JP shift lost)
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n') {
                end--;
            }
            bytes = java.util.Arrays.copyOf(bytes, end);
        }
        DecodedText text = TextDecoder.decode(bytes, charset(part));
        if (text.text().length() > maxChars) {
            text = new DecodedText(text.text().substring(0, maxChars), text.charset(), text.mislabel());
            cut = true;
        }
        return new Text(text, decoded.encoding(), decoded.repairs(), cut);
    }

    /**
     * The part's decoded file name, or the empty string: the Content-Disposition filename, else the
     * Content-Type name, with RFC 2231 continuations and RFC 2047 words decoded.
     */
    public static String filename(Part part) {
        try {
            String[] disposition = part.getHeader("Content-Disposition");
            if (disposition != null && disposition.length > 0) {
                String name = ContentHeader.parse(disposition[0]).parameter("filename").orElse("");
                if (!name.isBlank()) {
                    return HeaderText.decode(name);
                }
            }
            String[] type = part.getHeader("Content-Type");
            if (type != null && type.length > 0) {
                return HeaderText.decode(ContentHeader.parse(type[0]).parameter("name").orElse(""));
            }
            return "";
        } catch (MessagingException | RuntimeException e) {
            return "";
        }
    }

    public static boolean isAttachmentDisposition(Part part) {
        try {
            String[] disposition = part.getHeader("Content-Disposition");
            return disposition != null && disposition.length > 0
                    && ContentHeader.parse(disposition[0]).value().equals("attachment");
        } catch (MessagingException | RuntimeException e) {
            return false;
        }
    }
}
