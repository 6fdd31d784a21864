package org.c4tap.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jakarta.mail.internet.MimeMessage;
import java.util.Optional;
import org.c4tap.core.audience.Delivery;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.notice.Notice;
import org.c4tap.core.registry.Organisation;
import org.c4tap.core.registry.Role;
import org.c4tap.core.sample.SampleParcel;
import org.c4tap.core.scope.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @Test
    void linesWrittenFromManyThreadsAndTwoInstancesAreWholeAndAllThere() throws Exception {
        Path file = directory.resolve("var/c4tap/audit.jsonl");
        AuditLog first = new AuditLog(file);
        AuditLog second = new AuditLog(file);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<?>> writes = new ArrayList<>();
        for (int thread = 0; thread < 8; thread++) {
            AuditLog log = thread % 2 == 0 ? first : second;
            int t = thread;
            writes.add(threads.submit(() -> {
                for (int i = 0; i < 100; i++) {
                    log.recordDuplicate("report-" + t + "-" + i, "bank-" + t, Instant.now());
                }
                return null;
            }));
        }
        for (Future<?> write : writes) {
            write.get();
        }
        threads.shutdown();

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(800);
        Set<String> seen = new HashSet<>();
        for (String line : lines) {
            JsonNode node = JSON.readTree(line);
            assertThat(node.get("event").asText()).isEqualTo("duplicate_ignored");
            seen.add(node.get("provider").asText() + "/" + node.get("report_id").asText());
        }
        assertThat(seen).hasSize(800);
    }

    @Test
    void aDuplicateLineNamesTheReportAndProviderOnly() throws Exception {
        Path file = directory.resolve("audit.jsonl");
        new AuditLog(file).recordDuplicate("C4TAP-20261126-7K3M9Q2XWD", "bank-a", Instant.parse("2026-11-26T01:02:03Z"));

        assertThat(Files.readString(file)).isEqualTo(
                "{\"time\":\"2026-11-26T01:02:03Z\",\"event\":\"duplicate_ignored\",\"report_id\":\"C4TAP-20261126-7K3M9Q2XWD\","
                        + "\"provider\":\"bank-a\"}\n");
    }

    @Test
    void aSamplesLineNamesTheSamplesByHashAndSizeButNeverByName() throws Exception {
        Path file = directory.resolve("audit.jsonl");
        Organisation analysts = new Organisation("analysts", "解析チーム", "Analysis Team", Optional.empty(), Role.ANALYST, false, true,
                List.of(), List.of());
        Notice notice = new Notice(new Delivery(analysts, Scope.RED, Set.of()), List.of("lab@analysis.example"),
                new MimeMessage(MimeParts.session()));
        List<SampleParcel.Entry> samples = List.of(new SampleParcel.Entry("ab".repeat(32) + ".sample", "社長宛 請求書.docm", "ab".repeat(32), 4096));

        new AuditLog(file).recordSamples("C4TAP-20261126-7K3M9Q2XWD", "bank-a", notice, samples, "<m@council.example>",
                Instant.parse("2026-11-26T01:02:03Z"));

        assertThat(Files.readString(file)).isEqualTo(
                "{\"time\":\"2026-11-26T01:02:03Z\",\"event\":\"samples_sent\",\"report_id\":\"C4TAP-20261126-7K3M9Q2XWD\","
                        + "\"provider\":\"bank-a\",\"recipient\":\"analysts\",\"role\":\"analyst\",\"samples\":[{\"sha256\":\""
                        + "ab".repeat(32) + "\",\"size\":4096}],\"addresses\":1,\"message_id\":\"<m@council.example>\"}\n");
    }
}
