package org.c4tap.it.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.c4tap.core.entity.ReportEntity;
import org.c4tap.core.pki.CertificateAuthority.Issued;
import org.c4tap.core.pki.IssueOptions;
import org.c4tap.core.pki.KeyType;
import org.c4tap.core.registry.DeliveryAddress;
import org.c4tap.core.registry.Organisation;
import org.c4tap.core.registry.Registry;
import org.c4tap.core.registry.Role;
import org.c4tap.core.registry.Sector;
import org.c4tap.core.smime.Certificates;
import org.c4tap.core.smime.Crypto;
import org.c4tap.core.smime.OpenFailure;
import org.c4tap.core.smime.Opened;
import org.c4tap.core.smime.Opener;
import org.c4tap.core.smime.OuterHeaders;
import org.c4tap.core.smime.Sealer;
import org.c4tap.core.smime.SealingProfile;
import org.c4tap.core.smime.SealingProfile.ContentEncryption;
import org.c4tap.core.testing.SampleReports;
import org.c4tap.core.trust.CertificateRejection;
import org.c4tap.core.trust.CertificateValidator;
import org.c4tap.core.trust.ParticipantTrust;
import org.c4tap.core.trust.TrustSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every way a sealed report can be wrong is refused, each with its own reason: the exact reason
 * key is asserted, so a change in what the council tells an administrator shows here. Messages
 * are altered at the byte level of the CMS structure, located by parsing it, never by guessing.
 */
class TamperTest {

    private static final Issued SENDER = InteropPki.rsaSender();
    private static final Issued COUNCIL = InteropPki.rsaRecipient();

    @Test
    void anUntouchedMessageOpensAndItsSignerValidates() throws Exception {
        Opened opened = open(seal(SENDER, SealingProfile.STANDARD, COUNCIL));
        assertThat(opened.signer()).isEqualTo(SENDER.certificate());
        assertThat(validator().validateSigner(opened.signer(), opened.certificates(), opened.headers().from()).path())
                .startsWith(SENDER.certificate());
        assertThat(ParticipantTrust.provider(opened, registry()).id()).isEqualTo("bank-a");
    }

    @Test
    void aFlippedCbcCiphertextByteUnderTheSignedContentIsABadSignature() throws Exception {
        byte[] wire = seal(SENDER, SealingProfile.STANDARD, COUNCIL);
        byte[] der = Wire.der(wire);
        byte[] ciphertext = EnvelopedData.getInstance(ContentInfo.getInstance(der).getContent()).getEncryptedContentInfo()
                .getEncryptedContent().getOctets();
        Wire.SignedParts plain = Wire.SignedParts.of(decrypt(der));
        // A byte in the middle of the signed entity (the first part of the multipart/signed): in
        // CBC, flipping ciphertext byte i garbles plaintext block i/16 and flips byte i+16, both
        // inside the entity, so the MIME structure stays and only the digest no longer matches.
        int target = (plain.contentStart() + plain.contentEnd()) / 2;
        assertThat(target - 32).isGreaterThan(plain.contentStart());
        byte[] tampered = flipCiphertextByte(der, ciphertext, target - 16);

        refused(() -> open(rewrap(wire, tampered)), OpenFailure.Reason.BAD_SIGNATURE);
    }

    @Test
    void aFlippedCbcPaddingByteCannotBeDecrypted() throws Exception {
        byte[] wire = seal(SENDER, SealingProfile.STANDARD, COUNCIL);
        byte[] der = Wire.der(wire);
        byte[] ciphertext = EnvelopedData.getInstance(ContentInfo.getInstance(der).getContent()).getEncryptedContentInfo()
                .getEncryptedContent().getOctets();
        // The last byte of the next-to-last block XORs into the last plaintext byte, the PKCS#7
        // padding length n; n ^ 1 is never a valid padding after n - 1 bytes of value n.
        byte[] tampered = flipCiphertextByte(der, ciphertext, ciphertext.length - 17);

        refused(() -> open(rewrap(wire, tampered)), OpenFailure.Reason.CANNOT_DECRYPT);
    }

    @Test
    void aFlippedGcmCiphertextByteIsTampering() throws Exception {
        byte[] wire = seal(SENDER, SealingProfile.GATEWAY, COUNCIL);
        byte[] der = Wire.der(wire);
        byte[] ciphertext = AuthEnvelopedData.getInstance(ContentInfo.getInstance(der).getContent()).getAuthEncryptedContentInfo()
                .getEncryptedContent().getOctets();
        byte[] tampered = flipCiphertextByte(der, ciphertext, ciphertext.length / 2);

        refused(() -> open(rewrap(wire, tampered)), OpenFailure.Reason.TAMPERED);
    }

    @Test
    void aFlippedGcmTagByteIsTampering() throws Exception {
        byte[] wire = seal(SENDER, SealingProfile.GATEWAY, COUNCIL);
        byte[] der = Wire.der(wire);
        // AuthEnvelopedData.mac: the 16-byte GCM tag, after the ciphertext (RFC 5083, RFC 5084)
        byte[] tag = AuthEnvelopedData.getInstance(ContentInfo.getInstance(der).getContent()).getMac().getOctets();
        assertThat(tag).hasSize(16);
        int at = Wire.indexOfOnly(der, tag);
        byte[] tampered = der.clone();
        tampered[at + 7] ^= 0x01;

        refused(() -> open(rewrap(wire, tampered)), OpenFailure.Reason.TAMPERED);
    }

    @Test
    void anotherParticipantsSignatureSplicedOverOurContentIsABadSignature() throws Exception {
        Issued other = InteropPki.party("gateway@power-b.example", KeyType.RSA_2048);
        byte[] ours = decrypt(Wire.der(seal(SENDER, SealingProfile.STANDARD, COUNCIL)));
        byte[] theirs = decrypt(Wire.der(seal(other, SealingProfile.STANDARD, COUNCIL)));
        byte[] spliced = Wire.SignedParts.of(ours).withSignatureOf(Wire.SignedParts.of(theirs));
        byte[] wire = seal(SENDER, SealingProfile.STANDARD, COUNCIL);

        // The re-encryption itself changes nothing: our own signed entity, re-encrypted, opens.
        assertThat(open(envelope(wire, ours)).signer()).isEqualTo(SENDER.certificate());
        assertThatThrownBy(() -> open(envelope(wire, spliced)))
                .isInstanceOfSatisfying(OpenFailure.class, failure -> {
                    assertThat(failure.reason().key()).isEqualTo("bad_signature");
                    assertThat(failure.getMessage()).contains(other.certificate().getSubjectX500Principal().getName());
                });
    }

    @Test
    void anExpiredSignerCertificateIsRefusedAsNotValidAndTheValidatorSaysExpired() throws Exception {
        Issued expired = InteropPki.issue(InteropPki.RSA_SENDER, IssueOptions.of(KeyType.RSA_2048, Duration.ofDays(30)).expired());
        byte[] wire = seal(expired, SealingProfile.STANDARD, COUNCIL);

        // The signature itself is sound: checked with the public key alone, it verifies over the content.
        Wire.SignedParts parts = Wire.SignedParts.of(decrypt(Wire.der(wire)));
        CMSSignedData signedData = new CMSSignedData(new CMSProcessableByteArray(parts.content()), parts.signature());
        SignerInformation signer = signedData.getSignerInfos().getSigners().iterator().next();
        assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Crypto.provider())
                .build(expired.certificate().getPublicKey()))).isTrue();

        // So the Opener, which checks the certificate against the signing time the signature
        // states, must say that the certificate was not valid, not that the signature is bad.
        refused(() -> open(wire), "signer_certificate_not_valid");
        // and the trust rules, asked about the certificate, call it expired
        assertThatThrownBy(() -> validator().validateSigner(expired.certificate(), List.of(), InteropPki.RSA_SENDER))
                .isInstanceOfSatisfying(CertificateRejection.class, rejection -> {
                    assertThat(rejection.reason().key()).isEqualTo("expired");
                    assertThat(rejection.certificate()).isEqualTo(expired.certificate());
                });
    }

    @Test
    void aRevokedSignerCertificateIsRevokedByTheCasCrl() throws Exception {
        Issued revoked = InteropPki.issue(InteropPki.RSA_SENDER, IssueOptions.of(KeyType.RSA_2048, Duration.ofDays(30)));
        Opened opened = open(seal(revoked, SealingProfile.STANDARD, COUNCIL));
        Instant now = Instant.now();
        X509CRL crl;
        synchronized (InteropPki.class) {
            InteropPki.ca().revoke(revoked.certificate(), now.minus(Duration.ofMinutes(5)));
            crl = InteropPki.ca().crl(now.minus(Duration.ofMinutes(1)), Duration.ofDays(1));
        }
        assertThat(crl.isRevoked(revoked.certificate())).isTrue();
        // the same CRL leaves a certificate that was not revoked alone
        new CertificateValidator(trust().withCrls(List.of(crl))).validateSigner(SENDER.certificate(), List.of(), InteropPki.RSA_SENDER);

        rejected(opened, new CertificateValidator(trust().withCrls(List.of(crl))), CertificateRejection.Reason.REVOKED, revoked);
    }

    @Test
    void aSignerCertificateWithoutEmailProtectionIsRefused() throws Exception {
        Issued clientAuth = InteropPki.issue(InteropPki.RSA_SENDER, IssueOptions.of(KeyType.RSA_2048, Duration.ofDays(30))
                .with(IssueOptions.Flaw.NO_EMAIL_PROTECTION));
        Opened opened = open(seal(clientAuth, SealingProfile.STANDARD, COUNCIL));

        rejected(opened, validator(), CertificateRejection.Reason.NO_EMAIL_PROTECTION, clientAuth);
    }

    @Test
    void aSignerCertificateThatMayNotSignIsTheWrongKeyUsage() throws Exception {
        Issued encryptOnly = InteropPki.issue(InteropPki.RSA_SENDER, IssueOptions.of(KeyType.RSA_2048, Duration.ofDays(30))
                .with(IssueOptions.Flaw.NO_SIGNING_USAGE));
        Opened opened = open(seal(encryptOnly, SealingProfile.STANDARD, COUNCIL));

        rejected(opened, validator(), CertificateRejection.Reason.WRONG_KEY_USAGE, encryptOnly);
    }

    @Test
    void aSignerFromAnotherCaIsAnUntrustedChain() throws Exception {
        Issued stranger = org.c4tap.core.pki.CertificateAuthority.create("Stranger CA", Duration.ofDays(30))
                .issue(InteropPki.RSA_SENDER, "Stranger", List.of(InteropPki.RSA_SENDER), Duration.ofDays(30));
        Opened opened = open(seal(stranger, SealingProfile.STANDARD, COUNCIL));

        rejected(opened, validator(), CertificateRejection.Reason.UNTRUSTED_CHAIN, stranger);
    }

    @Test
    void aProtectedFromAddressTheCertificateDoesNotNameIsAnAddressMismatch() throws Exception {
        OuterHeaders forged = new OuterHeaders("president@bank-a.example", List.of(InteropPki.RSA_RECIPIENT), "C4TAP report",
                "<forged@bank-a.example>");
        byte[] wire = Wire.bytes(new Sealer(SENDER.credential(), SealingProfile.STANDARD)
                .seal(ReportEntity.render(SampleReports.green()), forged, List.of(COUNCIL.certificate())));
        Opened opened = open(wire);
        assertThat(opened.headers().from()).isEqualTo("president@bank-a.example");

        rejected(opened, validator(), CertificateRejection.Reason.ADDRESS_MISMATCH, SENDER);
    }

    @Test
    void aReportEncryptedToSomeoneElseIsNotEncryptedForUs() throws Exception {
        byte[] wire = seal(SENDER, SealingProfile.GATEWAY, InteropPki.party("intake@other-council.example", KeyType.RSA_2048));

        refused(() -> open(wire), OpenFailure.Reason.NOT_FOR_US);
        // and an EC recipient's opener finds no key agreement recipient either
        refused(() -> new Opener(InteropPki.ecRecipient().credential()).open(Wire.message(wire)), OpenFailure.Reason.NOT_FOR_US);
    }

    @Test
    void aValidSignatureByAnUnregisteredParticipantIsAnUnknownSigner() throws Exception {
        Issued unregistered = InteropPki.party("gateway@unregistered.example", KeyType.RSA_2048);
        Opened opened = open(seal(unregistered, SealingProfile.STANDARD, COUNCIL));
        // its certificate is in order: only the registry refuses it
        validator().validateSigner(opened.signer(), opened.certificates(), opened.headers().from());

        refused(() -> ParticipantTrust.provider(opened, registry()), OpenFailure.Reason.UNKNOWN_SIGNER);
    }

    @Test
    void aCbcMessageToAnOpenerThatRequiresGcmIsWeakerThanAllowed() throws Exception {
        byte[] wire = seal(SENDER, SealingProfile.STANDARD, COUNCIL);

        refused(() -> new Opener(COUNCIL.credential(), ContentEncryption.AES_256_GCM).open(Wire.message(wire)),
                OpenFailure.Reason.WEAKER_THAN_ALLOWED);
        assertThat(new Opener(COUNCIL.credential(), ContentEncryption.AES_256_GCM)
                .open(Wire.message(seal(SENDER, SealingProfile.GATEWAY, COUNCIL))).encryption()).isEqualTo(ContentEncryption.AES_256_GCM);
    }

    private static byte[] seal(Issued signer, SealingProfile profile, Issued recipient) throws Exception {
        String from = Certificates.emailAddresses(signer.certificate()).get(0);
        OuterHeaders headers = new OuterHeaders(from, List.of(InteropPki.RSA_RECIPIENT), "C4TAP report", "<tamper@bank-a.example>");
        return Wire.bytes(new Sealer(signer.credential(), profile).seal(ReportEntity.render(SampleReports.green()), headers,
                List.of(recipient.certificate())));
    }

    private static Opened open(byte[] wire) throws Exception {
        return new Opener(COUNCIL.credential()).open(Wire.message(wire));
    }

    private static void refused(Executable action, OpenFailure.Reason expected) {
        refused(action, expected.key());
    }

    private static void refused(Executable action, String expectedKey) {
        assertThatThrownBy(action::execute).isInstanceOfSatisfying(OpenFailure.class,
                failure -> assertThat(failure.reason().key()).as(failure.getMessage()).isEqualTo(expectedKey));
    }

    private static void rejected(Opened opened, CertificateValidator validator, CertificateRejection.Reason expected, Issued culprit) {
        assertThatThrownBy(() -> validator.validateSigner(opened.signer(), opened.certificates(), opened.headers().from()))
                .isInstanceOfSatisfying(CertificateRejection.class, rejection -> {
                    assertThat(rejection.reason().key()).as(rejection.getMessage()).isEqualTo(expected.key());
                    assertThat(rejection.certificate()).isEqualTo(culprit.certificate());
                });
    }

    private static TrustSettings trust() {
        return TrustSettings.anchoredAt(List.of(InteropPki.ca().certificate()));
    }

    private static CertificateValidator validator() {
        return new CertificateValidator(trust());
    }

    private static Registry registry() {
        Organisation bank = new Organisation("bank-a", "みらい銀行", "Mirai Bank", Optional.of(Sector.BANKING), Role.PARTICIPANT, false, true,
                List.of(SENDER.certificate()), List.of(new DeliveryAddress("c4tap@bank-a.example", List.of(SENDER.certificate()), false)));
        return new Registry(List.of(bank));
    }


    /** The same message header with {@code der} as its body. */
    private static byte[] rewrap(byte[] wire, byte[] der) {
        String text = new String(wire, StandardCharsets.US_ASCII);
        String header = text.substring(0, text.indexOf("\r\n\r\n") + 4);
        String body = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(der) + "\r\n";
        return (header + body).getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code signed} encrypted to the council again (AES-256-CBC, RSA-OAEP as BouncyCastle does it), under {@code wire}'s header. */
    private static byte[] envelope(byte[] wire, byte[] signed) throws Exception {
        CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
        generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(COUNCIL.certificate()).setProvider(Crypto.provider()));
        byte[] der = generator.generate(new CMSProcessableByteArray(signed),
                new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).setProvider(Crypto.provider()).build()).getEncoded();
        return rewrap(wire, der);
    }

    /** The council's decryption of {@code der}: the multipart/signed entity. */
    private static byte[] decrypt(byte[] der) throws Exception {
        RecipientInformation recipient = new CMSEnvelopedData(der).getRecipientInfos().get(new JceKeyTransRecipientId(COUNCIL.certificate()));
        return recipient.getContent(new JceKeyTransEnvelopedRecipient(COUNCIL.key()).setProvider(Crypto.provider()));
    }

    /**
     * Flips the lowest bit of ciphertext byte {@code index} where it sits in {@code der}. BouncyCastle
     * writes the ciphertext as a BER constructed OCTET STRING in 1000-byte segments, so the byte is
     * found through a 24-byte run of ciphertext around it that lies within one segment and occurs
     * exactly once.
     */
    private static byte[] flipCiphertextByte(byte[] der, byte[] ciphertext, int index) {
        for (int before = 0; before < 24 && before <= index; before++) {
            int from = index - before;
            int to = Math.min(ciphertext.length, from + 24);
            List<Integer> found = Wire.occurrences(der, Arrays.copyOfRange(ciphertext, from, to));
            if (found.size() == 1) {
                byte[] tampered = der.clone();
                tampered[found.get(0) + before] ^= 0x01;
                return tampered;
            }
        }
        throw new AssertionError("ciphertext byte " + index + " not found once in the DER");
    }
}
