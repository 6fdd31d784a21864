package org.c4tap.core.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.c4tap.core.pki.CertificateAuthority;
import org.c4tap.core.pki.CertificateAuthority.Issued;
import org.c4tap.core.pki.IssueOptions;
import org.c4tap.core.pki.IssueOptions.Flaw;
import org.c4tap.core.pki.KeyType;
import org.c4tap.core.pki.Validity;
import org.c4tap.core.smime.Certificates;
import org.c4tap.core.trust.CertificateRejection.Reason;
import org.c4tap.core.trust.TrustSettings.ExpiredCrlPolicy;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CertificateValidatorTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration YEAR = Duration.ofDays(365);
    private static final String SENDER = "Soc.Team@Power-B.example";

    private static final CertificateAuthority ROOT = root("Validator Test Root", KeyType.RSA_3072);
    private static final CertificateAuthority ISSUING = intermediate(ROOT, "Validator Test Issuing CA", Validity.fromNow(YEAR));
    private static final CertificateAuthority OTHER_ROOT = root("Another Root", KeyType.EC_P256);

    private static final Issued RSA_SIGNER = issue(ISSUING, KeyType.RSA_2048);
    private static final Issued EC_SIGNER = issue(ISSUING, KeyType.EC_P256);

    private final CertificateValidator validator = new CertificateValidator(settings());

    @Test
    void anRsaSignerChainsThroughTheIntermediateItSentAlong() throws Exception {
        Validation validation = validator.validateSigner(RSA_SIGNER.certificate(), List.of(ISSUING.certificate()), SENDER);

        assertThat(validation.path()).containsExactly(RSA_SIGNER.certificate(), ISSUING.certificate(), ROOT.certificate());
        assertThat(validation.anchor()).isEqualTo(ROOT.certificate());
        assertThat(validation.expiredCrls()).isEmpty();
    }

    @Test
    void anEcP256SignerIsValid() throws Exception {
        Validation validation = validator.validateSigner(EC_SIGNER.certificate(), EC_SIGNER.credential().chain(), SENDER);

        assertThat(validation.path()).containsExactly(EC_SIGNER.certificate(), ISSUING.certificate(), ROOT.certificate());
    }

    @Test
    void aRecipientChainsThroughConfiguredIntermediates() throws Exception {
        CertificateValidator withIntermediates = new CertificateValidator(settings().withIntermediates(List.of(ISSUING.certificate())));

        assertThat(withIntermediates.validateRecipient(RSA_SIGNER.certificate()).path())
                .containsExactly(RSA_SIGNER.certificate(), ISSUING.certificate(), ROOT.certificate());
        assertThat(withIntermediates.validateRecipient(EC_SIGNER.certificate()).path())
                .containsExactly(EC_SIGNER.certificate(), ISSUING.certificate(), ROOT.certificate());
    }

    @Test
    void aRecipientWhoseIntermediateIsUnknownIsUntrusted() {
        CertificateRejection rejection = rejection(() -> validator.validateRecipient(RSA_SIGNER.certificate()));

        assertThat(rejection.reason()).isEqualTo(Reason.UNTRUSTED_CHAIN);
        assertThat(rejection.getMessage()).startsWith("untrusted_chain: ");
    }

    @Nested
    class Chain {

        @Test
        void aCertificateOfAnotherCaIsUntrusted() {
            Issued stranger = issue(OTHER_ROOT, KeyType.EC_P256);

            CertificateRejection rejection = rejection(() ->
                    validator.validateSigner(stranger.certificate(), stranger.credential().chain(), SENDER));

            assertThat(rejection.reason()).isEqualTo(Reason.UNTRUSTED_CHAIN);
            assertThat(rejection.reason().key()).isEqualTo("untrusted_chain");
        }

        @Test
        void aCaThatOnlyBorrowsTheAnchorsNameIsUntrusted() {
            CertificateAuthority impostor = root("Validator Test Root", KeyType.EC_P256);
            Issued forged = issue(impostor, KeyType.EC_P256);

            CertificateRejection rejection = rejection(() ->
                    validator.validateSigner(forged.certificate(), forged.credential().chain(), SENDER));

            assertThat(rejection.reason()).isEqualTo(Reason.UNTRUSTED_CHAIN);
        }

        @Test
        void aCertificateIssuedByAnEndEntityIsUntrusted() throws Exception {
            Issued endEntity = issue(ROOT, KeyType.EC_P256);
            CertificateAuthority notACa = CertificateAuthority.resume(endEntity.credential(), Optional.empty());
            Issued below = notACa.issue("Below An End Entity", "Nobody", List.of(SENDER), options(KeyType.EC_P256));

            CertificateRejection rejection = rejection(() ->
                    validator.validateSigner(below.certificate(), below.credential().chain(), SENDER));

            assertThat(rejection.reason()).isEqualTo(Reason.UNTRUSTED_CHAIN);
            assertThat(rejection.certificate()).isEqualTo(endEntity.certificate());
        }

        @Test
        void anExpiredLeafIsRejected() {
            Issued expired = issue(ISSUING, options(KeyType.EC_P256).expired());

            CertificateRejection rejection = rejection(() ->
                    validator.validateSigner(expired.certificate(), expired.credential().chain(), SENDER));

            assertThat(rejection.reason()).isEqualTo(Reason.EXPIRED);
            assertThat(rejection.reason().key()).isEqualTo("expired");
            assertThat(rejection.certificate()).isEqualTo(expired.certificate());
            assertThat(rejection.getMessage()).contains("expired at " + expired.certificate().getNotAfter().toInstant());
        }

        @Test
        void aLeafNotYetValidIsRejectedAsExpired() {
            Issued early = issue(ISSUING, options(KeyType.EC_P256).withValidity(Validity.beginningIn(Duration.ofDays(2))));

            CertificateRejection rejection = rejection(() -> validator.validateSigner(early.certificate(), early.credential().chain(), SENDER));

            assertThat(rejection.reason()).isEqualTo(Reason.EXPIRED);
            assertThat(rejection.getMessage()).contains("is not valid before");
        }

        @Test
        void aLeafBelowAnExpiredIntermediateIsRejectedNamingTheIntermediate() {
            CertificateAuthority expiredCa = intermediate(ROOT, "Expired Issuing CA", Validity.endedAgo(Duration.ofDays(1)));
            Issued leaf = issue(expiredCa, KeyType.EC_P256);

            CertificateRejection rejection = rejection(() -> validator.validateSigner(leaf.certificate(), leaf.credential().chain(), SENDER));

            assertThat(rejection.reason()).isEqualTo(Reason.EXPIRED);
            assertThat(rejection.certificate()).isEqualTo(expiredCa.certificate());
        }

        @Test
        void anExpiredAnchorVouchesForNobody() throws Exception {
            CertificateAuthority oldRoot = CertificateAuthority.create("Old Root", KeyType.EC_P256, Validity.endedAgo(Duration.ofDays(1)));
            Issued leaf = issue(oldRoot, KeyType.EC_P256);
            CertificateValidator trustingOldRoot = new CertificateValidator(TrustSettings.anchoredAt(List.of(oldRoot.certificate()))
                    .withClock(CLOCK));

            CertificateRejection rejection = rejection(() -> trustingOldRoot.validateSigner(leaf.certificate(), List.of(), SENDER));

            assertThat(rejection.reason()).isEqualTo(Reason.EXPIRED);
            assertThat(rejection.certificate()).isEqualTo(oldRoot.certificate());
        }

        @Test
        void theClockDecidesValidity() {
            CertificateValidator later = new CertificateValidator(settings().withClock(Clock.offset(CLOCK, Duration.ofDays(31))));

            CertificateRejection rejection = rejection(() -> later.validateSigner(RSA_SIGNER.certificate(), RSA_SIGNER.credential().chain(), SENDER));

            assertThat(rejection.reason()).isEqualTo(Reason.EXPIRED);
            assertThat(rejection.certificate()).isEqualTo(RSA_SIGNER.certificate());
        }
    }

    @Nested
    class Revocation {

        private final CertificateAuthority ca = root("Revoking Root", KeyType.EC_P256);
        private final Issued revoked = issue(ca, KeyType.EC_P256);
        private final Issued kept = issue(ca, KeyType.EC_P256);

        @Test
        void aLeafOnItsIssuersCrlIsRevoked() throws Exception {
            ca.revoke(revoked.certificate(), NOW.minus(Duration.ofHours(2)));
            CertificateValidator checking = validator(ca, List.of(ca.crl(NOW, Duration.ofDays(7))));

            CertificateRejection rejection = rejection(() -> checking.validateSigner(revoked.certificate(), List.of(), SENDER));

            assertThat(rejection.reason()).isEqualTo(Reason.REVOKED);
            assertThat(rejection.reason().key()).isEqualTo("revoked");
            assertThat(rejection.certificate()).isEqualTo(revoked.certificate());
            assertThat(rejection.getMessage()).contains("was revoked at " + NOW.minus(Duration.ofHours(2)));
            assertThat(checking.validateSigner(kept.certificate(), List.of(), SENDER).path()).hasSize(2);
        }

        @Test
        void withoutTheCrlTheRevokedLeafPasses() throws Exception {
            ca.revoke(revoked.certificate(), NOW);

            assertThat(validator(ca, List.of()).validateSigner(revoked.certificate(), List.of(), SENDER).path()).hasSize(2);
        }

        @Test
        void aRevokedIntermediateTakesItsLeavesWithIt() throws Exception {
            CertificateAuthority issuing = intermediate(ca, "Revoked Issuing CA", Validity.fromNow(YEAR));
            Issued leaf = issue(issuing, KeyType.EC_P256);
            ca.revoke(issuing.certificate(), NOW);
            CertificateValidator checking = validator(ca, List.of(ca.crl(NOW, Duration.ofDays(7)), issuing.crl(NOW, Duration.ofDays(7))));

            CertificateRejection rejection = rejection(() -> checking.validateSigner(leaf.certificate(), leaf.credential().chain(), SENDER));

            assertThat(rejection.reason()).isEqualTo(Reason.REVOKED);
            assertThat(rejection.certificate()).isEqualTo(issuing.certificate());
        }

        @Test
        void aCrlOfAnotherIssuerIsNotApplied() throws Exception {
            CertificateAuthority other = root("Unrelated Root", KeyType.EC_P256);
            other.revoke(revoked.certificate().getSerialNumber(), NOW);
            CertificateValidator checking = new CertificateValidator(TrustSettings.anchoredAt(List.of(ca.certificate(), other.certificate()))
                    .withCrls(List.of(other.crl(NOW, Duration.ofDays(7)))).withClock(CLOCK));

            assertThat(checking.validateSigner(revoked.certificate(), List.of(), SENDER).path())
                    .containsExactly(revoked.certificate(), ca.certificate());
        }

        @Test
        void aCrlUnderTheIssuersNameButNotItsKeyCannotBeUsed() throws Exception {
            CertificateAuthority impostor = root("Revoking Root", KeyType.EC_P256);
            CertificateValidator checking = validator(ca, List.of(impostor.crl(NOW, Duration.ofDays(7))));

            CertificateRejection rejection = rejection(() -> checking.validateSigner(kept.certificate(), List.of(), SENDER));

            assertThat(rejection.reason()).isEqualTo(Reason.CRL_UNAVAILABLE);
            assertThat(rejection.reason().key()).isEqualTo("crl_unavailable");
            assertThat(rejection.certificate()).isEqualTo(kept.certificate());
        }

        @Test
        void theNewestCrlOfAnIssuerCounts() throws Exception {
            X509CRL before = ca.crl(NOW.minus(Duration.ofHours(1)), Duration.ofDays(7));
            ca.revoke(revoked.certificate(), NOW);
            X509CRL after = ca.crl(NOW, Duration.ofDays(7));

            CertificateRejection rejection = rejection(() ->
                    validator(ca, List.of(after, before)).validateSigner(revoked.certificate(), List.of(), SENDER));

            assertThat(rejection.reason()).isEqualTo(Reason.REVOKED);
        }

        @Test
        void anExpiredCrlIsFatalByDefault() throws Exception {
            X509CRL stale = ca.crl(NOW.minus(Duration.ofDays(10)), Duration.ofDays(7));

            CertificateRejection rejection = rejection(() -> validator(ca, List.of(stale)).validateSigner(kept.certificate(), List.of(), SENDER));

            assertThat(rejection.reason()).isEqualTo(Reason.CRL_EXPIRED);
            assertThat(rejection.reason().key()).isEqualTo("crl_expired");
            assertThat(rejection.getMessage()).contains("expired at " + NOW.minus(Duration.ofDays(3)));
        }

        @Test
        void anExpiredCrlCanBeReportedInstead() throws Exception {
            X509CRL stale = ca.crl(NOW.minus(Duration.ofDays(10)), Duration.ofDays(7));
            CertificateValidator lenient = new CertificateValidator(TrustSettings.anchoredAt(List.of(ca.certificate()))
                    .withCrls(List.of(stale)).withExpiredCrls(ExpiredCrlPolicy.WARN).withClock(CLOCK));

            Validation validation = lenient.validateSigner(kept.certificate(), List.of(), SENDER);

            assertThat(validation.expiredCrls()).containsExactly(
                    new ExpiredCrl(ca.certificate().getSubjectX500Principal(), NOW.minus(Duration.ofDays(3))));
        }

        @Test
        void aSerialOnAnExpiredCrlIsStillRevoked() throws Exception {
            ca.revoke(revoked.certificate(), NOW.minus(Duration.ofDays(20)));
            X509CRL stale = ca.crl(NOW.minus(Duration.ofDays(10)), Duration.ofDays(7));

            CertificateRejection rejection = rejection(() -> validator(ca, List.of(stale)).validateSigner(revoked.certificate(), List.of(), SENDER));

            assertThat(rejection.reason()).isEqualTo(Reason.REVOKED);
        }

        @Test
        void anchorsAndCrlsAreReadFromPemAndDerFiles(@TempDir Path files) throws Exception {
            ca.revoke(revoked.certificate(), NOW);
            X509CRL crl = ca.crl(NOW, Duration.ofDays(7));
            Path anchors = Files.writeString(files.resolve("anchors.pem"), Certificates.pem(ca.certificate()) + Certificates.pem(ROOT.certificate()));
            Path der = Files.write(files.resolve("ca.crl.der"), crl.getEncoded());
            Path pem = Files.writeString(files.resolve("other.crl"), CrlFiles.pem(OTHER_ROOT.crl(NOW, Duration.ofDays(7))));

            TrustSettings read = TrustSettings.read(anchors, List.of(der, pem));

            assertThat(read.anchors()).containsExactly(ca.certificate(), ROOT.certificate());
            assertThat(read.crls()).hasSize(2);
            assertThat(read.crls().get(0).getEncoded()).isEqualTo(crl.getEncoded());
            assertThat(read.expiredCrls()).isEqualTo(ExpiredCrlPolicy.REJECT);
            assertThat(read.ocsp()).isFalse();
            CertificateValidator fromFiles = new CertificateValidator(read.withClock(CLOCK));
            assertThat(rejection(() -> fromFiles.validateSigner(revoked.certificate(), List.of(), SENDER)).reason()).isEqualTo(Reason.REVOKED);
            assertThat(fromFiles.validateSigner(kept.certificate(), List.of(), SENDER).path()).hasSize(2);
        }

        private CertificateValidator validator(CertificateAuthority anchor, List<X509CRL> crls) {
            return new CertificateValidator(TrustSettings.anchoredAt(List.of(anchor.certificate())).withCrls(crls).withClock(CLOCK));
        }
    }

    @Nested
    class Usage {

        @Test
        void aCertificateWithoutEmailProtectionIsRefusedForBothUses() {
            Issued web = issue(ISSUING, options(KeyType.EC_P256).with(Flaw.NO_EMAIL_PROTECTION));
            CertificateValidator withIntermediates = new CertificateValidator(settings().withIntermediates(List.of(ISSUING.certificate())));

            CertificateRejection asSigner = rejection(() -> validator.validateSigner(web.certificate(), web.credential().chain(), SENDER));
            CertificateRejection asRecipient = rejection(() -> withIntermediates.validateRecipient(web.certificate()));

            assertThat(asSigner.reason()).isEqualTo(Reason.NO_EMAIL_PROTECTION);
            assertThat(asSigner.reason().key()).isEqualTo("no_email_protection");
            assertThat(asSigner.getMessage()).contains("[1.3.6.1.5.5.7.3.2]");
            assertThat(asRecipient.reason()).isEqualTo(Reason.NO_EMAIL_PROTECTION);
        }

        @ParameterizedTest
        @CsvSource({"RSA_2048", "EC_P256"})
        void aKeyThatMayNotSignIsRefusedAsSignerButServesAsRecipient(KeyType keyType) throws Exception {
            Issued receiveOnly = issue(ISSUING, options(keyType).with(Flaw.NO_SIGNING_USAGE));

            CertificateRejection rejection = rejection(() ->
                    validator.validateSigner(receiveOnly.certificate(), receiveOnly.credential().chain(), SENDER));

            assertThat(rejection.reason()).isEqualTo(Reason.WRONG_KEY_USAGE);
            assertThat(rejection.reason().key()).isEqualTo("wrong_key_usage");
            assertThat(rejection.getMessage()).endsWith("may not sign: its key usage has neither digitalSignature nor nonRepudiation");
            assertThat(withIntermediates().validateRecipient(receiveOnly.certificate()).path()).hasSize(3);
        }

        @ParameterizedTest
        @CsvSource({"RSA_2048, an RSA key needs keyEncipherment", "EC_P256, an EC key needs keyAgreement"})
        void aKeyWithTheOtherFamilysReceivingBitIsRefusedAsRecipientButSigns(KeyType keyType, String why) throws Exception {
            Issued signOnly = issue(ISSUING, options(keyType).with(Flaw.NO_ENCRYPTION_USAGE));

            CertificateRejection rejection = rejection(() -> withIntermediates().validateRecipient(signOnly.certificate()));

            assertThat(rejection.reason()).isEqualTo(Reason.WRONG_KEY_USAGE);
            assertThat(rejection.getMessage()).endsWith("may not receive: " + why);
            assertThat(validator.validateSigner(signOnly.certificate(), signOnly.credential().chain(), SENDER).path()).hasSize(3);
        }

        private CertificateValidator withIntermediates() {
            return new CertificateValidator(settings().withIntermediates(List.of(ISSUING.certificate())));
        }
    }

    @Nested
    class Address {

        @ParameterizedTest
        @CsvSource({
                "Soc.Team@Power-B.example, true",
                "Soc.Team@power-b.example, true",
                "Soc.Team@POWER-B.EXAMPLE, true",
                "soc.team@power-b.example, false",
                "SOC.TEAM@Power-B.example, false",
                "Soc.Team@power-c.example, false",
                "Soc.Team, false",
                "@Power-B.example, false"})
        void theLocalPartIsComparedExactlyAndTheDomainWithoutCase(String sender, boolean accepted) throws Exception {
            if (accepted) {
                assertThat(validator.validateSigner(RSA_SIGNER.certificate(), RSA_SIGNER.credential().chain(), sender).path()).hasSize(3);
            } else {
                CertificateRejection rejection = rejection(() ->
                        validator.validateSigner(RSA_SIGNER.certificate(), RSA_SIGNER.credential().chain(), sender));
                assertThat(rejection.reason()).isEqualTo(Reason.ADDRESS_MISMATCH);
                assertThat(rejection.reason().key()).isEqualTo("address_mismatch");
                assertThat(rejection.getMessage()).contains("the sender " + sender + " is not among the addresses [Soc.Team@Power-B.example]");
            }
        }

        @Test
        void anyOfSeveralAlternativeNamesWill() throws Exception {
            Issued twoAddresses = issue(ISSUING, List.of("gateway@power-b.example", SENDER), options(KeyType.EC_P256));

            assertThat(validator.validateSigner(twoAddresses.certificate(), twoAddresses.credential().chain(), "gateway@power-b.example")
                    .path()).hasSize(3);
            assertThat(validator.validateSigner(twoAddresses.certificate(), twoAddresses.credential().chain(), SENDER).path()).hasSize(3);
        }

        @Test
        void withoutAlternativeNamesTheSubjectsEmailAddressCounts() throws Exception {
            Issued legacy = issue(ISSUING, List.of(SENDER), options(KeyType.EC_P256).with(Flaw.ADDRESSES_IN_SUBJECT_ONLY));

            assertThat(legacy.certificate().getSubjectAlternativeNames()).isNull();
            assertThat(validator.validateSigner(legacy.certificate(), legacy.credential().chain(), "Soc.Team@power-b.EXAMPLE").path())
                    .hasSize(3);
            CertificateRejection rejection = rejection(() ->
                    validator.validateSigner(legacy.certificate(), legacy.credential().chain(), "soc.team@power-b.example"));
            assertThat(rejection.reason()).isEqualTo(Reason.ADDRESS_MISMATCH);
        }

        @Test
        void anAddressElsewhereInTheSubjectIsNotAnEmailAddressAttribute() throws Exception {
            Issued lookalike = ISSUING.issue(SENDER, "emailAddress=" + SENDER, List.of(),
                    options(KeyType.EC_P256).with(Flaw.ADDRESSES_IN_SUBJECT_ONLY));

            CertificateRejection rejection = rejection(() ->
                    validator.validateSigner(lookalike.certificate(), lookalike.credential().chain(), SENDER));

            assertThat(rejection.reason()).isEqualTo(Reason.ADDRESS_MISMATCH);
            assertThat(rejection.getMessage()).contains("is not among the addresses []");
        }
    }

    @Test
    void theLegacyEntryPointStillValidatesPaths() throws Exception {
        TrustAnchors anchors = new TrustAnchors(List.of(ROOT.certificate()));
        Issued stranger = issue(OTHER_ROOT, KeyType.EC_P256);

        anchors.validate(RSA_SIGNER.certificate(), RSA_SIGNER.credential().chain(), Date.from(NOW));
        TrustAnchors.UntrustedException untrusted = catchThrowableOfType(TrustAnchors.UntrustedException.class, () ->
                anchors.validate(stranger.certificate(), stranger.credential().chain(), Date.from(NOW)));

        assertThat(untrusted).hasMessageStartingWith("untrusted_chain: ");
    }

    private static TrustSettings settings() {
        return TrustSettings.anchoredAt(List.of(ROOT.certificate())).withClock(CLOCK);
    }

    private static IssueOptions options(KeyType keyType) {
        return IssueOptions.of(keyType, Duration.ofDays(30));
    }

    private static CertificateRejection rejection(ThrowingCall call) {
        CertificateRejection rejection = catchThrowableOfType(CertificateRejection.class, call::run);
        assertThat(rejection).as("a rejection").isNotNull();
        return rejection;
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }

    private static CertificateAuthority root(String name, KeyType keyType) {
        try {
            return CertificateAuthority.create(name, keyType, Validity.fromNow(YEAR));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CertificateAuthority intermediate(CertificateAuthority parent, String name, Validity validity) {
        try {
            return parent.intermediate(name, KeyType.EC_P256, validity);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Issued issue(CertificateAuthority ca, KeyType keyType) {
        return issue(ca, options(keyType));
    }

    private static Issued issue(CertificateAuthority ca, IssueOptions options) {
        return issue(ca, List.of(SENDER), options);
    }

    private static Issued issue(CertificateAuthority ca, List<String> addresses, IssueOptions options) {
        try {
            return ca.issue("Power B SOC", "Hikari Electric Power", addresses, options);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
