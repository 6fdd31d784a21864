package org.c4tap.core.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.mail.internet.MimeMessage;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.c4tap.core.pki.CertificateAuthority;
import org.c4tap.core.registry.DeliveryAddress;
import org.c4tap.core.registry.Organisation;
import org.c4tap.core.registry.Registry;
import org.c4tap.core.registry.Role;
import org.c4tap.core.registry.Sector;
import org.c4tap.core.relay.Relay;
import org.c4tap.core.report.Report;
import org.c4tap.core.smime.Opener;
import org.c4tap.core.smime.Sealer;
import org.c4tap.core.smime.SealingProfile;
import org.c4tap.core.testing.Mails;
import org.c4tap.core.testing.SampleReports;
import org.c4tap.core.trust.CertificateValidator;
import org.c4tap.core.trust.TrustSettings;
import org.junit.jupiter.api.Test;

/** The council's acceptance rule, in the order it applies: decryption, signature, certificate, registry. */
class ReportAcceptanceTest {

    private static final String GATEWAY = "c4tap-gateway@bank-a.example";
    private static final CertificateAuthority CA = ca("Acceptance Test CA");
    private static final CertificateAuthority.Issued COUNCIL = issue(CA, "council", "intake@council.example");
    private static final CertificateAuthority.Issued BANK = issue(CA, "bank-a gateway", GATEWAY);
    private static final CertificateAuthority.Issued BANK_REVOKED = issue(CA, "bank-a old gateway", GATEWAY);
    private static final CertificateAuthority.Issued INTRUDER = issue(CA, "intruder", GATEWAY);
    private static final CertificateAuthority.Issued FOREIGN = issue(ca("Foreign CA"), "bank-a gateway", GATEWAY);

    private static final CertificateValidator TRUST = validator();
    private static final java.util.function.Supplier<CertificateValidator> VALIDATOR = () -> TRUST;

    private final Report report = SampleReports.green();

    @Test
    void aReportSealedByARegisteredValidGatewayIsAccepted() throws Exception {
        Accepted accepted = acceptance(registry(true, BANK, FOREIGN)).accept(seal(BANK, SealingProfile.GATEWAY));

        assertThat(accepted.report().id()).isEqualTo(report.id());
        assertThat(accepted.provider().id()).isEqualTo("bank-a");
        assertThat(accepted.opened().signer()).isEqualTo(BANK.certificate());
    }

    @Test
    void aValidCertificateTheRegistryDoesNotPinIsAnUnknownSigner() throws Exception {
        assertThat(refusal(acceptance(registry(true, BANK)), seal(INTRUDER, SealingProfile.GATEWAY)).key()).isEqualTo("unknown_signer");
    }

    @Test
    void aPinnedCertificateFromAnUntrustedCaIsRefusedBeforeTheRegistryIsAsked() throws Exception {
        Refusal refusal = refusal(acceptance(registry(true, FOREIGN)), seal(FOREIGN, SealingProfile.GATEWAY));
        assertThat(refusal.key()).isEqualTo("untrusted_chain");
        assertThat(refusal.getMessage()).doesNotContain("Bank").doesNotContain("evil");
    }

    @Test
    void aRevokedPinnedCertificateIsRefused() throws Exception {
        Refusal refusal = refusal(acceptance(registry(true, BANK_REVOKED)), seal(BANK_REVOKED, SealingProfile.GATEWAY));
        assertThat(refusal.key()).isEqualTo("revoked");
    }

    @Test
    void anInactiveOrganisationIsRefused() throws Exception {
        assertThat(refusal(acceptance(registry(false, BANK)), seal(BANK, SealingProfile.GATEWAY)).key())
                .isEqualTo("inactive_organisation");
    }

    @Test
    void cbcIsRefusedWhereTheCouncilRequiresGcm() throws Exception {
        assertThat(refusal(acceptance(registry(true, BANK)), seal(BANK, SealingProfile.STANDARD)).key())
                .isEqualTo("weaker_than_allowed");
    }

    @Test
    void aBitFlipInTheCiphertextIsTampered() throws Exception {
        MimeMessage sealed = seal(BANK, SealingProfile.GATEWAY);
        byte[] bytes = Mails.bytes(sealed);
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        int body = text.indexOf("\r\n\r\n") + 4 + 2000;
        bytes[body] = (byte) (bytes[body] == 'A' ? 'B' : 'A');
        Refusal refusal = refusal(acceptance(registry(true, BANK)), Mails.parse(bytes));
        assertThat(refusal.key()).isEqualTo("tampered");
    }

    @Test
    void aMailThatIsNoSealedReportIsRefusedAsSuch() throws Exception {
        MimeMessage plain = Mails.reparse(Mails.suspicious("hello", "text", null, null));
        assertThat(refusal(acceptance(registry(true, BANK)), plain).key()).isEqualTo("not_smime");
    }

    @Test
    void theRegistryInForceIsReadForEachReport() throws Exception {
        Registry[] current = {registry(true, INTRUDER)};
        ReportAcceptance acceptance = new ReportAcceptance(new Opener(COUNCIL.credential(), SealingProfile.ContentEncryption.AES_256_GCM),
                Optional.of(VALIDATOR), () -> current[0]);
        MimeMessage sealed = seal(BANK, SealingProfile.GATEWAY);
        assertThat(refusal(acceptance, sealed).key()).isEqualTo("unknown_signer");

        current[0] = registry(true, BANK);
        assertThat(acceptance.accept(Mails.reparse(sealed)).provider().id()).isEqualTo("bank-a");
    }

    private ReportAcceptance acceptance(Registry registry) {
        return new ReportAcceptance(new Opener(COUNCIL.credential(), SealingProfile.ContentEncryption.AES_256_GCM),
                Optional.of(VALIDATOR), () -> registry);
    }

    private static CertificateValidator validator() {
        try {
            CA.revoke(BANK_REVOKED.certificate(), Instant.now().minusSeconds(60));
            return new CertificateValidator(TrustSettings.anchoredAt(List.of(CA.certificate()))
                    .withCrls(List.of(CA.crl(Instant.now().minusSeconds(30), Duration.ofDays(7)))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private MimeMessage seal(CertificateAuthority.Issued gateway, SealingProfile profile) throws Exception {
        Relay relay = new Relay(new Sealer(gateway.credential(), profile), GATEWAY, "intake@council.example",
                COUNCIL.certificate(), List.of());
        return Mails.reparse(relay.seal(report));
    }

    private static Refusal refusal(ReportAcceptance acceptance, MimeMessage sealed) {
        Refusal refusal = catchThrowableOfType(Refusal.class, () -> acceptance.accept(sealed));
        assertThat(refusal).as("refused").isNotNull();
        return refusal;
    }

    private static Registry registry(boolean active, CertificateAuthority.Issued... gateways) {
        List<java.security.cert.X509Certificate> pinned = java.util.Arrays.stream(gateways)
                .map(CertificateAuthority.Issued::certificate).toList();
        Organisation bank = new Organisation("bank-a", "みらい銀行", "Mirai Bank", Optional.of(Sector.BANKING), Role.PARTICIPANT,
                true, active, pinned, List.of(new DeliveryAddress("c4tap@bank-a.example", List.of(BANK.certificate()), false)));
        return new Registry(List.of(bank));
    }

    private static CertificateAuthority ca(String name) {
        try {
            return CertificateAuthority.create(name, Duration.ofDays(60));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CertificateAuthority.Issued issue(CertificateAuthority ca, String name, String address) {
        try {
            return ca.issue(name, "Test", List.of(address), Duration.ofDays(30));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
