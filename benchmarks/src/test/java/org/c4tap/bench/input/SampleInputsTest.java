package org.c4tap.bench.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.c4tap.core.registry.Organisation;
import org.c4tap.core.registry.Role;
import org.c4tap.core.report.Attachment;
import org.c4tap.core.report.AttachmentList;
import org.c4tap.core.report.Report;
import org.junit.jupiter.api.Test;

/** The benchmarks' inputs are what docs/PERFORMANCE.md says they are (the benchmarks themselves never run here). */
class SampleInputsTest {

    @Test
    void theTypicalForwardIsAbout200KbAndItsReportFingerprintsTheTrue100KbAttachment() throws Exception {
        SampleForward forward = SampleForward.typical();
        assertThat(forward.bytes()).hasSizeBetween(195 * 1024, 205 * 1024);
        assertThat(forward.bytes()).isEqualTo(SampleForward.typical().bytes());
        assertThat(forward.attachment()).hasSizeBetween(99 * 1024, 101 * 1024);

        Report report = SampleReports.typical();
        List<Attachment> attachments = report.part(AttachmentList.class).orElseThrow().attachments();
        assertThat(attachments).extracting(Attachment::filename).containsExactly("logo.png", "請求書_2026年1月.zip");
        assertThat(attachments.get(1).fingerprint().sha256())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(forward.attachment())));
        assertThat(report.notes()).isEmpty();
    }

    @Test
    void theLargeReportsEntityIsAbout200Kb() {
        assertThat(SampleReports.entitySize(SampleReports.large())).isBetween(195 * 1024, 205 * 1024);
    }

    @Test
    void aSampleRegistryHasTheCouncilsProportionsAndAKeyPerOrganisation() {
        SampleRegistry registry = SampleRegistry.of(BenchPki.standard(), 35);
        Map<Role, Long> roles = registry.registry().organisations().stream()
                .collect(Collectors.groupingBy(Organisation::role, Collectors.counting()));
        assertThat(roles).containsEntry(Role.SECRETARIAT, 1L).containsEntry(Role.ANALYST, 3L).containsEntry(Role.OBSERVER, 3L)
                .containsEntry(Role.RELATED, 1L).containsEntry(Role.PUBLIC, 1L).containsEntry(Role.PARTICIPANT, 26L);
        assertThat(registry.provider().id()).isEqualTo(SampleRegistry.PROVIDER_ID);
        assertThat(registry.certificates()).hasSize(35).doesNotHaveDuplicates();
        assertThat(registry.certificates()).filteredOn(certificate -> certificate.getPublicKey().getAlgorithm().equals("EC")).hasSize(7);
    }
}
