package org.c4tap.core.entity;

import jakarta.activation.DataHandler;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.report.HeaderField;
import org.c4tap.core.report.OriginalHeaders;
import org.c4tap.core.report.Report;
import org.c4tap.core.report.ReportFormatException;
import org.c4tap.core.report.ReportJson;
import org.c4tap.core.report.ReportText;
import org.c4tap.core.stix.StixBundle;

/**
 * The MIME layout of a report or notice, which only ever travels inside S/MIME encryption:
 *
 * <pre>
 * multipart/mixed
 * ├── text/plain; charset=UTF-8                       the human-readable rendering (Japanese and English)
 * ├── application/json; name=c4tap-report.json        the report, version {@value Report#FORMAT_VERSION}
 * ├── application/stix+json; name=c4tap-report.stix.json   the same as a STIX 2.1 bundle
 * └── text/rfc822-headers; name=original-headers.txt  the reported mail's header fields, sanitised
 *                                                     (only when the headers part is present)
 * </pre>
 *
 * Every rendering is made from the same {@link Report}, so they always agree, and each is rebuilt
 * from the parts the reader may see rather than filtered after rendering.
 */
public final class ReportEntity {

    public static final String JSON_FILENAME = "c4tap-report.json";
    public static final String TEXT_FILENAME = "c4tap-report.txt";
    public static final String HEADERS_FILENAME = "original-headers.txt";
    public static final String STIX_FILENAME = "c4tap-report.stix.json";
    private static final int MAX_JSON_BYTES = 16 * 1024 * 1024;

    private ReportEntity() {
    }

    public static MimeBodyPart render(Report report) throws MessagingException {
        MimeBodyPart entity = new MimeBodyPart();
        MimeMultipart mixed = mixed(report);
        entity.setContent(mixed);
        // setContent only records the type; the header itself is written now, so that the entity
        // reads back the same before and after it is serialised.
        entity.setHeader("Content-Type", mixed.getContentType());
        return entity;
    }

    /**
     * The report as a message of its own, for carrying it between steps inside one gateway. It is
     * never sent as it is: only sealed.
     */
    public static MimeMessage toMessage(Report report) throws MessagingException {
        MimeMessage message = new MimeMessage(MimeParts.session());
        message.setContent(mixed(report));
        message.setSubject("C4TAP report " + report.id().value());
        message.setHeader("X-C4TAP-Report-Id", report.id().value());
        message.saveChanges();
        return message;
    }

    /** Reads the report back from an entity (or message) of this layout. */
    public static Report parse(MimePart entity) throws ReportFormatException {
        try {
            if (!MimeParts.baseType(entity).equals("multipart/mixed")) {
                throw new ReportFormatException("the report entity is " + MimeParts.baseType(entity) + ", not multipart/mixed");
            }
            MimeMultipart mixed = MimeParts.multipart(entity);
            for (int i = 0; i < mixed.getCount(); i++) {
                BodyPart part = mixed.getBodyPart(i);
                if (MimeParts.baseType(part).equals("application/json") && JSON_FILENAME.equals(MimeParts.filename(part))) {
                    try (InputStream in = part.getInputStream()) {
                        byte[] bytes = readAtMost(in, MAX_JSON_BYTES + 1);
                        if (bytes.length > MAX_JSON_BYTES) {
                            throw new ReportFormatException("the report JSON is larger than " + MAX_JSON_BYTES + " bytes");
                        }
                        return ReportJson.read(new String(bytes, StandardCharsets.UTF_8));
                    }
                }
            }
            throw new ReportFormatException("the entity holds no " + JSON_FILENAME);
        } catch (MessagingException | IOException e) {
            throw new ReportFormatException("the report entity cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /**
     * Reads into a buffer from its start at every call. javax.mail 1.6.2's base64 decoder (James
     * 3.8's) loses data when asked to read into a buffer at a non-zero offset, as
     * {@code readNBytes} and {@code readAllBytes} do: a report JSON of more than 8 KB came out cut.
     */
    static byte[] readAtMost(InputStream in, int limit) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while (out.size() < limit && (read = in.read(buffer, 0, Math.min(buffer.length, limit - out.size()))) >= 0) {
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    private static MimeMultipart mixed(Report report) throws MessagingException {
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(part(ReportText.render(report), "text/plain; charset=UTF-8", TEXT_FILENAME, "inline"));
        mixed.addBodyPart(part(ReportJson.write(report), "application/json; charset=UTF-8", JSON_FILENAME, "attachment"));
        mixed.addBodyPart(part(StixBundle.render(report), "application/stix+json; version=2.1", STIX_FILENAME, "attachment"));
        java.util.Optional<OriginalHeaders> headers = report.part(OriginalHeaders.class);
        if (headers.isPresent() && !headers.get().fields().isEmpty()) {
            mixed.addBodyPart(part(headerSection(headers.get()), "text/rfc822-headers; charset=UTF-8", HEADERS_FILENAME, "attachment"));
        }
        return mixed;
    }

    /** The header fields as a header section (RFC 6532: UTF-8 values), one field per line. */
    private static String headerSection(OriginalHeaders headers) {
        StringBuilder section = new StringBuilder();
        for (HeaderField field : headers.fields()) {
            section.append(field.name()).append(": ").append(field.value().replaceAll("[\\r\\n]+", " ")).append("\r\n");
        }
        return section.toString();
    }

    private static MimeBodyPart part(String content, String type, String filename, String disposition) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(content.getBytes(StandardCharsets.UTF_8), type)));
        part.setHeader("Content-Type", type + "; name=\"" + filename + "\"");
        part.setDisposition(disposition);
        part.setFileName(filename);
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }
}
