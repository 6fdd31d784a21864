package org.c4tap.core.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.c4tap.core.pki.CertificateAuthority;
import org.c4tap.core.smime.Certificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new CRL applies without a restart; an unreadable one is refused, once, and the last good one stays. */
class TrustFilesTest {

    @TempDir
    Path directory;

    @Test
    void aRevocationPublishedWhileRunningAppliesToTheNextValidation() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("Trust Files CA", Duration.ofDays(30));
        CertificateAuthority.Issued recipient = ca.issue("soc", "Power B", List.of("soc@power-b.example"), Duration.ofDays(10));
        Path anchors = Files.writeString(directory.resolve("ca.pem"), Certificates.pem(ca.certificate()));
        Path crl = directory.resolve("ca.crl");
        writeCrl(ca, crl, 0);
        TrustFiles files = TrustFiles.open(anchors, List.of(crl), TrustSettings.ExpiredCrlPolicy.REJECT);
        files.get().validateRecipient(recipient.certificate());

        ca.revoke(recipient.certificate(), Instant.now().minusSeconds(5));
        writeCrl(ca, crl, 1);

        assertThatThrownBy(() -> files.get().validateRecipient(recipient.certificate()))
                .isInstanceOfSatisfying(CertificateRejection.class, e -> assertThat(e.reason()).isEqualTo(CertificateRejection.Reason.REVOKED));
        assertThat(files.newRefusal()).isEmpty();
    }

    @Test
    void anUnreadableNewCrlIsRefusedOnceAndThePreviousStaysInForce() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("Trust Files CA", Duration.ofDays(30));
        CertificateAuthority.Issued recipient = ca.issue("soc", "Power B", List.of("soc@power-b.example"), Duration.ofDays(10));
        ca.revoke(recipient.certificate(), Instant.now().minusSeconds(5));
        Path anchors = Files.writeString(directory.resolve("ca.pem"), Certificates.pem(ca.certificate()));
        Path crl = directory.resolve("ca.crl");
        writeCrl(ca, crl, 0);
        TrustFiles files = TrustFiles.open(anchors, List.of(crl), TrustSettings.ExpiredCrlPolicy.REJECT);

        Files.writeString(crl, "-----BEGIN X509 CRL-----\nbm90IGEgQ1JM\n-----END X509 CRL-----\n");
        Files.setLastModifiedTime(crl, FileTime.from(Instant.now().plusSeconds(2)));

        assertThatThrownBy(() -> files.get().validateRecipient(recipient.certificate()))
                .isInstanceOfSatisfying(CertificateRejection.class, e -> assertThat(e.reason()).isEqualTo(CertificateRejection.Reason.REVOKED));
        assertThat(files.newRefusal()).isPresent();
        files.get();
        assertThat(files.newRefusal()).as("told once per broken version").isEmpty();
    }

    @Test
    void theGatewayDoesNotStartWithoutReadableFiles() {
        assertThatThrownBy(() -> TrustFiles.open(directory.resolve("missing.pem"), List.of(), TrustSettings.ExpiredCrlPolicy.REJECT))
                .isInstanceOf(java.io.IOException.class);
    }

    private static void writeCrl(CertificateAuthority ca, Path file, int generation) throws Exception {
        Files.writeString(file, CrlFiles.pem(ca.crl(Instant.now().minusSeconds(60), Duration.ofDays(7))));
        // a distinct modification time even on file systems with coarse timestamps
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(generation)));
    }
}
