package org.c4tap.core.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.c4tap.core.notice.Notice;
import org.c4tap.core.notice.Publication;
import org.c4tap.core.sample.SampleParcel;
import org.c4tap.core.scope.Part;

/**
 * The council's record of every notice it sent: one JSON line per delivery with the report id, the
 * provider and recipient organisations, the recipient's clearance, the parts it received with their
 * scopes, the time and the notice's Message-ID. It never holds content. Lines are only ever
 * appended (the file is opened for appending, under a file lock so that several spool threads and
 * processes cannot interleave), so the secretariat can read it while the gateway writes.
 */
public final class AuditLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A file lock is held per JVM, not per thread: threads of one JVM take turns before taking it. */
    private static final Object WRITERS = new Object();

    private final Path file;

    public AuditLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public void recordDelivery(String reportId, String providerId, Notice notice, Map<Part, org.c4tap.core.scope.Scope> scopes,
                               String messageId, Instant at) throws IOException {
        ObjectNode line = JSON.createObjectNode();
        line.put("time", at.toString());
        line.put("event", "notice_sent");
        line.put("report_id", reportId);
        line.put("provider", providerId);
        line.put("recipient", notice.delivery().recipient().id());
        line.put("role", notice.delivery().recipient().role().key());
        line.put("clearance", notice.delivery().clearance().label());
        ObjectNode parts = line.putObject("parts");
        for (Part part : notice.delivery().parts()) {
            parts.put(part.key(), scopes.get(part).label());
        }
        line.put("addresses", notice.addresses().size());
        line.put("message_id", messageId);
        append(line);
    }

    /**
     * A report's samples sent to an analyst organisation: which samples (their SHA-256 and size),
     * never their bytes or names, since a name can carry the victim's words.
     */
    public void recordSamples(String reportId, String providerId, Notice notice, List<SampleParcel.Entry> samples, String messageId,
                              Instant at) throws IOException {
        ObjectNode line = JSON.createObjectNode();
        line.put("time", at.toString());
        line.put("event", "samples_sent");
        line.put("report_id", reportId);
        line.put("provider", providerId);
        line.put("recipient", notice.delivery().recipient().id());
        line.put("role", notice.delivery().recipient().role().key());
        ArrayNode sent = line.putArray("samples");
        for (SampleParcel.Entry sample : samples) {
            sent.addObject().put("sha256", sample.sha256()).put("size", sample.size());
        }
        line.put("addresses", notice.addresses().size());
        line.put("message_id", messageId);
        append(line);
    }

    /** A report's WHITE parts published, clear-signed, to public addresses: which parts, how many addresses. */
    public void recordPublication(String reportId, String providerId, Publication publication, String messageId, Instant at)
            throws IOException {
        ObjectNode line = JSON.createObjectNode();
        line.put("time", at.toString());
        line.put("event", "published");
        line.put("report_id", reportId);
        line.put("provider", providerId);
        ObjectNode parts = line.putObject("parts");
        for (Part part : publication.parts()) {
            parts.put(part.key(), org.c4tap.core.scope.Scope.WHITE.label());
        }
        line.put("addresses", publication.addresses().size());
        line.put("message_id", messageId);
        append(line);
    }

    public void recordDuplicate(String reportId, String providerId, Instant at) throws IOException {
        recordEvent("duplicate_ignored", reportId, providerId, at);
    }

    /** A report whose distribution a stop of the gateway cut short, distributed again (its notices may reach some twice). */
    public void recordResumed(String reportId, String providerId, Instant at) throws IOException {
        recordEvent("distribution_resumed", reportId, providerId, at);
    }

    /** A report kept after a failed distribution and sent again, to those it had not reached. */
    public void recordResent(String reportId, String providerId, Instant at) throws IOException {
        recordEvent("distribution_resent", reportId, providerId, at);
    }

    private void recordEvent(String event, String reportId, String providerId, Instant at) throws IOException {
        ObjectNode line = JSON.createObjectNode();
        line.put("time", at.toString());
        line.put("event", event);
        line.put("report_id", reportId);
        line.put("provider", providerId);
        append(line);
    }

    private void append(ObjectNode line) throws IOException {
        byte[] bytes = (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (WRITERS) {
            write(bytes);
        }
    }

    private void write(byte[] bytes) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
             FileLock ignored = channel.lock()) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        }
    }
}
