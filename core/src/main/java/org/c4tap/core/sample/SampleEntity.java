package org.c4tap.core.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.activation.DataHandler;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.report.ReportFormatException;
import org.c4tap.core.report.ReportId;

/**
 * The MIME layout of a sample parcel, which only ever travels inside S/MIME encryption:
 *
 * <pre>
 * multipart/mixed
 * ├── text/plain; charset=UTF-8                          how to handle it (Japanese and English)
 * ├── application/json; name=c4tap-samples.json          report id, and each sample's entry, name, SHA-256, size
 * └── application/zip; name=c4tap-samples-&lt;id&gt;.zip       the samples, password "infected"
 * </pre>
 */
public final class SampleEntity {

    public static final String MANIFEST_FILENAME = "c4tap-samples.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MANIFEST_BYTES = 1024 * 1024;
    /** Samples are bounded by the operator's maxMessageBytes (64 MiB by default); a zip adds little. */
    private static final int MAX_ZIP_BYTES = 80 * 1024 * 1024;

    private SampleEntity() {
    }

    public static MimeBodyPart render(SampleParcel parcel) throws MessagingException {
        MimeBodyPart entity = new MimeBodyPart();
        MimeMultipart mixed = mixed(parcel);
        entity.setContent(mixed);
        entity.setHeader("Content-Type", mixed.getContentType());
        return entity;
    }

    /** The parcel as a message of its own, for carrying it between steps inside one gateway; never sent unsealed. */
    public static MimeMessage toMessage(SampleParcel parcel) throws MessagingException {
        MimeMessage message = new MimeMessage(MimeParts.session());
        message.setContent(mixed(parcel));
        message.setSubject("C4TAP samples " + parcel.reportId().value());
        message.setHeader("X-C4TAP-Report-Id", parcel.reportId().value());
        message.saveChanges();
        return message;
    }

    public static SampleParcel parse(MimePart entity) throws ReportFormatException {
        try {
            if (!MimeParts.baseType(entity).equals("multipart/mixed")) {
                throw new ReportFormatException("the sample entity is " + MimeParts.baseType(entity) + ", not multipart/mixed");
            }
            MimeMultipart mixed = MimeParts.multipart(entity);
            JsonNode manifest = null;
            byte[] zip = null;
            for (int i = 0; i < mixed.getCount(); i++) {
                BodyPart part = mixed.getBodyPart(i);
                String type = MimeParts.baseType(part);
                // our decoder, not the mail library's: javax.mail 1.6 (James 3.8) ends a base64
                // read after 16 KiB when asked through InputStream.readAllBytes
                if (type.equals("application/json") && MANIFEST_FILENAME.equals(MimeParts.filename(part))) {
                    byte[] bytes = MimeParts.decodedBytes((MimePart) part, MAX_MANIFEST_BYTES + 1);
                    if (bytes.length > MAX_MANIFEST_BYTES) {
                        throw new ReportFormatException("the sample manifest is larger than " + MAX_MANIFEST_BYTES + " bytes");
                    }
                    manifest = JSON.readTree(bytes);
                } else if (type.equals("application/zip")) {
                    zip = MimeParts.decodedBytes((MimePart) part, MAX_ZIP_BYTES + 1);
                    if (zip.length > MAX_ZIP_BYTES) {
                        throw new ReportFormatException("the samples zip is larger than " + MAX_ZIP_BYTES + " bytes");
                    }
                }
            }
            if (manifest == null || zip == null) {
                throw new ReportFormatException("the sample entity lacks its " + (manifest == null ? MANIFEST_FILENAME : "zip"));
            }
            String id = manifest.path("report_id").asText("");
            if (!ReportId.isValid(id)) {
                throw new ReportFormatException("the sample manifest names no valid report id");
            }
            List<SampleParcel.Entry> entries = new ArrayList<>();
            for (JsonNode sample : manifest.path("samples")) {
                entries.add(new SampleParcel.Entry(sample.path("file").asText(""), sample.path("filename").asText(""),
                        sample.path("sha256").asText(""), sample.path("size").asLong(0)));
            }
            List<String> omitted = new ArrayList<>();
            manifest.path("omitted").forEach(line -> omitted.add(line.asText("")));
            return new SampleParcel(new ReportId(id), entries, omitted, zip);
        } catch (MessagingException | IOException e) {
            throw new ReportFormatException("the sample entity cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static MimeMultipart mixed(SampleParcel parcel) throws MessagingException {
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(part(text(parcel).getBytes(StandardCharsets.UTF_8), "text/plain; charset=UTF-8", "c4tap-samples.txt", "inline"));
        mixed.addBodyPart(part(manifest(parcel).getBytes(StandardCharsets.UTF_8), "application/json; charset=UTF-8", MANIFEST_FILENAME,
                "attachment"));
        mixed.addBodyPart(part(parcel.zip(), "application/zip", "c4tap-samples-" + parcel.reportId().value() + ".zip", "attachment"));
        return mixed;
    }

    private static String manifest(SampleParcel parcel) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.put("report_id", parcel.reportId().value());
        root.put("password", SampleZip.PASSWORD);
        ArrayNode samples = root.putArray("samples");
        for (SampleParcel.Entry entry : parcel.entries()) {
            ObjectNode sample = samples.addObject();
            sample.put("file", entry.file());
            sample.put("filename", entry.filename());
            sample.put("sha256", entry.sha256());
            sample.put("size", entry.size());
        }
        ArrayNode omitted = root.putArray("omitted");
        parcel.omitted().forEach(omitted::add);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a manifest of strings and numbers always serialises", e);
        }
    }

    private static String text(SampleParcel parcel) {
        StringBuilder text = new StringBuilder();
        text.append("C4TAP 検体 / samples: ").append(parcel.reportId().value()).append("\n\n");
        text.append("添付の zip には、報告された不審メールの添付ファイルそのもの（検体）が入っています。\n");
        text.append("パスワードは「").append(SampleZip.PASSWORD).append("」です。隔離された解析環境でのみ開いてください。\n");
        text.append("The attached zip holds the reported mail's attachments themselves (live samples).\n");
        text.append("Its password is \"").append(SampleZip.PASSWORD).append("\". Open it only in an isolated analysis environment.\n\n");
        for (SampleParcel.Entry entry : parcel.entries()) {
            text.append("  ").append(entry.sha256()).append("  ").append(entry.size()).append(" bytes  ").append(entry.file()).append('\n');
        }
        for (String line : parcel.omitted()) {
            text.append("  (omitted) ").append(line).append('\n');
        }
        return text.toString();
    }

    private static MimeBodyPart part(byte[] content, String type, String filename, String disposition) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
        part.setHeader("Content-Type", type + "; name=\"" + filename + "\"");
        part.setDisposition(disposition);
        part.setFileName(filename);
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }
}
