package org.c4tap.it.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Header;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.c4tap.core.entity.ReportEntity;
import org.c4tap.core.notice.Distributor;
import org.c4tap.core.notice.Publication;
import org.c4tap.core.pki.CertificateAuthority.Issued;
import org.c4tap.core.registry.Organisation;
import org.c4tap.core.registry.Role;
import org.c4tap.core.registry.Sector;
import org.c4tap.core.report.Report;
import org.c4tap.core.scope.Part;
import org.c4tap.core.smime.Certificates;
import org.c4tap.core.smime.OpenFailure;
import org.c4tap.core.smime.Opened;
import org.c4tap.core.smime.Opener;
import org.c4tap.core.smime.OuterHeaders;
import org.c4tap.core.smime.Sealer;
import org.c4tap.core.smime.SealingProfile;
import org.c4tap.core.smime.SealingProfile.ContentEncryption;
import org.c4tap.core.smime.SealingProfile.RsaKeyTransport;
import org.c4tap.core.smime.SealingProfile.RsaSignature;
import org.c4tap.core.testing.SampleReports;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our S/MIME against OpenSSL's ({@code openssl cms}), both ways, in every profile: what our
 * {@link Sealer} writes, OpenSSL decrypts and verifies to the very bytes we sealed; what OpenSSL
 * signs and encrypts, our {@link Opener} opens to the very bytes OpenSSL signed.
 */
class OpenSslInteropTest {

    private static final String NEUTRAL_SUBJECT = "C4TAP report C4TAP-20261126-ABCDEFGHJK";
    private static final String PROTECTED_SUBJECT = NEUTRAL_SUBJECT + ": 件名 (請求書の確認)";
    private static final String MESSAGE_ID = "<C4TAP-20261126-ABCDEFGHJK@bank-a.example>";

    @TempDir
    Path directory;

    @BeforeAll
    static void openSslIsInstalled() {
        Tool.require("openssl", "version", "openssl");
    }

    /** A message our Sealer makes, for OpenSSL to open. */
    record Ours(String name, SealingProfile profile, Issued signer, Issued recipient) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Ours> ourProfiles() {
        List<Ours> cases = new ArrayList<>();
        for (ContentEncryption encryption : ContentEncryption.values()) {
            for (RsaKeyTransport transport : RsaKeyTransport.values()) {
                for (RsaSignature signature : RsaSignature.values()) {
                    cases.add(new Ours("RSA " + encryption + " " + transport + " " + signature + " signature",
                            new SealingProfile(encryption, transport, signature), InteropPki.rsaSender(), InteropPki.rsaRecipient()));
                }
            }
        }
        SealingProfile cbc = SealingProfile.STANDARD;
        SealingProfile gcm = SealingProfile.GATEWAY;
        cases.add(new Ours("EC P-256 signer (ECDSA), AES_256_CBC to RSA-OAEP", cbc, InteropPki.ecSender(), InteropPki.rsaRecipient()));
        cases.add(new Ours("EC P-256 signer (ECDSA), AES_256_GCM to RSA-OAEP", gcm, InteropPki.ecSender(), InteropPki.rsaRecipient()));
        cases.add(new Ours("EC P-256 recipient (ECDH), AES_256_CBC", cbc, InteropPki.rsaSender(), InteropPki.ecRecipient()));
        cases.add(new Ours("EC P-256 recipient (ECDH), AES_256_GCM", gcm, InteropPki.rsaSender(), InteropPki.ecRecipient()));
        cases.add(new Ours("EC P-256 signer and recipient, AES_256_GCM", gcm, InteropPki.ecSender(), InteropPki.ecRecipient()));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ourProfiles")
    void openSslDecryptsAndVerifiesWhatWeSealToTheBytesWeSigned(Ours sealing) throws Exception {
        boolean gcm = sealing.profile().encryption() == ContentEncryption.AES_256_GCM;
        boolean ecRecipient = isEc(sealing.recipient());
        boolean ecSigner = isEc(sealing.signer());
        Report report = SampleReports.green();
        MimeBodyPart entity = ReportEntity.render(report);
        OuterHeaders headers = new OuterHeaders(address(sealing.signer()), List.of(address(sealing.recipient())), NEUTRAL_SUBJECT,
                PROTECTED_SUBJECT, MESSAGE_ID);

        MimeMessage sealed = new Sealer(sealing.signer().credential(), sealing.profile())
                .seal(entity, headers, List.of(sealing.recipient().certificate()));
        // What was signed: the rendered entity as the Sealer left it, the protected header fields
        // and hp="cipher" added. JavaMail writes it with CRLF line ends already, so RFC 5751
        // canonicalisation changes nothing and the comparison below is of exact bytes.
        byte[] signedEntity = Wire.bytes(entity);
        assertThat(Wire.canonical(signedEntity)).isTrue();
        byte[] wire = Wire.bytes(sealed);
        Files.write(directory.resolve("sealed.eml"), wire);
        InteropPki.writeCertificate(directory.resolve("recipient.pem"), sealing.recipient().certificate());
        InteropPki.writeKey(directory.resolve("recipient.key"), sealing.recipient().key());
        InteropPki.writeCertificate(directory.resolve("ca.pem"), InteropPki.ca().certificate());

        // Outside: only the neutral subject, and nothing of the report.
        MimeMessage received = Wire.message(wire);
        assertThat(received.getHeader("Subject")).hasSize(1);
        assertThat(received.getSubject()).isEqualTo(NEUTRAL_SUBJECT);
        for (Header header : Collections.list(received.getAllHeaders())) {
            assertThat(MimeUtility.decodeText(MimeUtility.unfold(header.getValue()))).as(header.getName())
                    .doesNotContain("件名").doesNotContain("請求書");
        }
        assertThat(received.getContentType()).isEqualTo("application/pkcs7-mime; smime-type="
                + (gcm ? "authEnveloped-data" : "enveloped-data") + "; name=\"smime.p7m\"");

        // The envelope as OpenSSL parses it.
        CmsPrint envelope = new CmsPrint(openSsl("cms", "-cmsout", "-print", "-in", "sealed.eml").out());
        assertThat(envelope.contentType()).isEqualTo(gcm ? "id-smime-ct-authEnvelopedData" : "pkcs7-envelopedData");
        assertThat(envelope.algorithmAfter("contentEncryptionAlgorithm:")).isEqualTo(gcm ? "aes-256-gcm" : "aes-256-cbc");
        String keyEncryption = envelope.between("keyEncryptionAlgorithm:", ecRecipient ? "recipientEncryptedKeys:" : "encryptedKey:");
        if (ecRecipient) {
            assertThat(envelope.algorithmAfter("keyEncryptionAlgorithm:")).isEqualTo("dhSinglePass-stdDH-sha256kdf-scheme");
            assertThat(CmsPrint.objects(keyEncryption)).containsExactly("id-aes256-wrap");
        } else if (sealing.profile().rsaKeyTransport() == RsaKeyTransport.OAEP_SHA256) {
            assertThat(envelope.algorithmAfter("keyEncryptionAlgorithm:")).isEqualTo("rsaesOaep");
            assertThat(CmsPrint.objects(keyEncryption)).containsExactly("sha256", "mgf1", "sha256");
        } else {
            assertThat(envelope.algorithmAfter("keyEncryptionAlgorithm:")).isEqualTo("rsaEncryption");
        }

        Tool.Result decrypted = openSsl("cms", "-decrypt", "-in", "sealed.eml", "-recip", "recipient.pem", "-inkey", "recipient.key",
                "-out", "signed.eml");
        assertThat(decrypted.status()).as(decrypted.describe()).isZero();
        Tool.Result verified = openSsl("cms", "-verify", "-in", "signed.eml", "-CAfile", "ca.pem", "-purpose", "smimesign",
                "-signer", "signer.pem", "-out", "content.eml");
        assertThat(verified.status()).as(verified.describe()).isZero();
        assertThat(verified.stderr()).contains("CMS Verification successful");

        byte[] content = Files.readAllBytes(directory.resolve("content.eml"));
        assertThat(content).as("the content OpenSSL verified is the entity we sealed, byte for byte").isEqualTo(signedEntity);
        assertThat(Certificates.read(directory.resolve("signer.pem"))).containsExactly(sealing.signer().certificate());

        CmsPrint signerInfo = new CmsPrint(openSsl("cms", "-cmsout", "-print", "-in", "signed.eml").out()).from("signerInfos:");
        assertThat(signerInfo.algorithmAfter("digestAlgorithm:")).isEqualTo("sha256");
        String signatureAlgorithm = signerInfo.algorithmAfter("signatureAlgorithm:");
        if (ecSigner) {
            assertThat(signatureAlgorithm).isEqualTo("ecdsa-with-SHA256");
        } else if (sealing.profile().rsaSignature() == RsaSignature.PSS) {
            assertThat(signatureAlgorithm).isEqualTo("rsassaPss");
            assertThat(CmsPrint.objects(signerInfo.between("signatureAlgorithm:", "signature:"))).containsExactly("sha256", "mgf1", "sha256");
        } else {
            assertThat(signatureAlgorithm).isEqualTo("sha256WithRSAEncryption");
        }

        // Inside, under the signature: the real header fields and the declaration of RFC 9788.
        MimeBodyPart inside = new MimeBodyPart(new ByteArrayInputStream(content));
        ContentType type = new ContentType(inside.getContentType());
        assertThat(type.getBaseType()).isEqualTo("multipart/mixed");
        assertThat(type.getParameter("hp")).isEqualTo("cipher");
        assertThat(inside.getHeader("From")).containsExactly(address(sealing.signer()));
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(inside.getHeader("Subject")[0]))).isEqualTo(PROTECTED_SUBJECT);
        assertThat(inside.getHeader("Message-ID")).containsExactly(MESSAGE_ID);
        assertThat(inside.getHeader("HP-Outer")).contains("Subject: " + NEUTRAL_SUBJECT, "From: " + address(sealing.signer()));
        assertThat(ReportEntity.parse(inside)).isEqualTo(report);
    }

    /** A message OpenSSL signs and encrypts, for our Opener. */
    record Theirs(String name, Issued signer, List<String> signOptions, Issued recipient, String cipher, List<String> keyOptions,
                  String expectedSignature, String expectedKeyEncryption) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * OpenSSL's choices. It names an RSA PKCS#1 v1.5 signature {@code rsaEncryption} in the
     * SignerInfo (RFC 3370 3.2 allows either that or sha256WithRSAEncryption); its default ECDH key
     * derivation is the SHA-1 X9.63 KDF, so SHA-256 is asked for explicitly in the last two cases.
     */
    static Stream<Theirs> openSslProfiles() {
        List<String> oaep = List.of("-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256");
        List<String> pss = List.of("-keyopt", "rsa_padding_mode:pss");
        Issued rsa = InteropPki.rsaSender();
        Issued ec = InteropPki.ecSender();
        Issued rsaTo = InteropPki.rsaRecipient();
        Issued ecTo = InteropPki.ecRecipient();
        return Stream.of(
                new Theirs("RSA signer, -aes-256-cbc, RSA PKCS#1 v1.5", rsa, List.of(), rsaTo, "-aes-256-cbc", List.of(),
                        "rsaEncryption", "rsaEncryption"),
                new Theirs("RSA signer, -aes-256-cbc, RSA-OAEP SHA-256", rsa, List.of(), rsaTo, "-aes-256-cbc", oaep,
                        "rsaEncryption", "rsaesOaep"),
                new Theirs("RSA signer, -aes-256-gcm, RSA PKCS#1 v1.5", rsa, List.of(), rsaTo, "-aes-256-gcm", List.of(),
                        "rsaEncryption", "rsaEncryption"),
                new Theirs("RSA signer, -aes-256-gcm, RSA-OAEP SHA-256", rsa, List.of(), rsaTo, "-aes-256-gcm", oaep,
                        "rsaEncryption", "rsaesOaep"),
                new Theirs("RSA-PSS signer, -aes-256-cbc, RSA-OAEP SHA-256", rsa, pss, rsaTo, "-aes-256-cbc", oaep,
                        "rsassaPss", "rsaesOaep"),
                new Theirs("RSA-PSS signer, -aes-256-gcm, RSA PKCS#1 v1.5", rsa, pss, rsaTo, "-aes-256-gcm", List.of(),
                        "rsassaPss", "rsaEncryption"),
                new Theirs("EC signer, -aes-256-cbc, RSA PKCS#1 v1.5", ec, List.of(), rsaTo, "-aes-256-cbc", List.of(),
                        "ecdsa-with-SHA256", "rsaEncryption"),
                new Theirs("EC signer, -aes-256-gcm, RSA-OAEP SHA-256", ec, List.of(), rsaTo, "-aes-256-gcm", oaep,
                        "ecdsa-with-SHA256", "rsaesOaep"),
                new Theirs("RSA signer, -aes-256-cbc, EC recipient (OpenSSL's default ECDH KDF)", rsa, List.of(), ecTo, "-aes-256-cbc",
                        List.of(), "rsaEncryption", "dhSinglePass-stdDH-sha1kdf-scheme"),
                new Theirs("RSA signer, -aes-256-gcm, EC recipient (OpenSSL's default ECDH KDF)", rsa, List.of(), ecTo, "-aes-256-gcm",
                        List.of(), "rsaEncryption", "dhSinglePass-stdDH-sha1kdf-scheme"),
                new Theirs("EC signer, -aes-256-cbc, EC recipient, ECDH KDF SHA-256", ec, List.of(), ecTo, "-aes-256-cbc",
                        List.of("-keyopt", "ecdh_kdf_md:sha256"), "ecdsa-with-SHA256", "dhSinglePass-stdDH-sha256kdf-scheme"),
                new Theirs("EC signer, -aes-256-gcm, EC recipient, ECDH KDF SHA-256", ec, List.of(), ecTo, "-aes-256-gcm",
                        List.of("-keyopt", "ecdh_kdf_md:sha256"), "ecdsa-with-SHA256", "dhSinglePass-stdDH-sha256kdf-scheme"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("openSslProfiles")
    void weOpenWhatOpenSslSignsAndEncryptsToTheBytesItSigned(Theirs sealing) throws Exception {
        boolean gcm = sealing.cipher().equals("-aes-256-gcm");
        Report report = SampleReports.green();
        byte[] entity = Wire.bytes(ReportEntity.render(report));
        assertThat(Wire.canonical(entity)).isTrue();
        Files.write(directory.resolve("entity.eml"), entity);
        InteropPki.writeCertificate(directory.resolve("signer.pem"), sealing.signer().certificate());
        InteropPki.writeKey(directory.resolve("signer.key"), sealing.signer().key());
        InteropPki.writeCertificate(directory.resolve("recipient.pem"), sealing.recipient().certificate());

        List<String> sign = new ArrayList<>(List.of("cms", "-sign", "-in", "entity.eml", "-md", "sha256", "-signer", "signer.pem",
                "-inkey", "signer.key"));
        sign.addAll(sealing.signOptions());
        sign.addAll(List.of("-crlfeol", "-out", "signed.eml"));
        Tool.Result signed = openSsl(sign.toArray(String[]::new));
        assertThat(signed.status()).as(signed.describe()).isZero();

        List<String> encrypt = new ArrayList<>(List.of("cms", "-encrypt", "-binary", "-in", "signed.eml", sealing.cipher(),
                "-recip", "recipient.pem"));
        encrypt.addAll(sealing.keyOptions());
        encrypt.addAll(List.of("-from", address(sealing.signer()), "-to", address(sealing.recipient()), "-subject", NEUTRAL_SUBJECT,
                "-crlfeol", "-out", "sealed.eml"));
        Tool.Result encrypted = openSsl(encrypt.toArray(String[]::new));
        assertThat(encrypted.status()).as(encrypted.describe()).isZero();

        // OpenSSL did what it was asked to.
        CmsPrint signature = new CmsPrint(openSsl("cms", "-cmsout", "-print", "-in", "signed.eml").out()).from("signerInfos:");
        assertThat(signature.algorithmAfter("signatureAlgorithm:")).isEqualTo(sealing.expectedSignature());
        CmsPrint envelope = new CmsPrint(openSsl("cms", "-cmsout", "-print", "-in", "sealed.eml").out());
        assertThat(envelope.contentType()).isEqualTo(gcm ? "id-smime-ct-authEnvelopedData" : "pkcs7-envelopedData");
        assertThat(envelope.algorithmAfter("keyEncryptionAlgorithm:")).isEqualTo(sealing.expectedKeyEncryption());
        if (sealing.expectedKeyEncryption().equals("rsaesOaep")) {
            assertThat(CmsPrint.objects(envelope.between("keyEncryptionAlgorithm:", "encryptedKey:")))
                    .containsExactly("sha256", "mgf1", "sha256");
        }

        byte[] wire = Files.readAllBytes(directory.resolve("sealed.eml"));
        MimeMessage message = Wire.message(wire);
        assertThat(message.getContentType()).startsWith("application/pkcs7-mime; smime-type="
                + (gcm ? "authEnveloped-data" : "enveloped-data") + ";");
        Opened opened = new Opener(sealing.recipient().credential()).open(message);

        assertThat(opened.signer()).isEqualTo(sealing.signer().certificate());
        assertThat(opened.certificates()).containsExactly(sealing.signer().certificate());
        assertThat(opened.encryption()).isEqualTo(gcm ? ContentEncryption.AES_256_GCM : ContentEncryption.AES_256_CBC);
        assertThat(Wire.bytes(opened.content())).as("the content we opened is the entity OpenSSL signed, byte for byte")
                .isEqualTo(entity);
        assertThat(ReportEntity.parse(opened.content())).isEqualTo(report);
        // OpenSSL does not protect header fields (RFC 9788): the entity carries none, and says so.
        assertThat(opened.headers().declared()).isFalse();
        assertThat(opened.headers().from()).isEmpty();
    }

    private Tool.Result openSsl(String... arguments) throws Exception {
        String[] command = new String[arguments.length + 1];
        command[0] = "openssl";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        return Tool.run(directory, Map.of(), null, command);
    }

    private static boolean isEc(Issued issued) {
        return issued.certificate().getPublicKey().getAlgorithm().startsWith("EC");
    }

    private static String address(Issued issued) {
        return Certificates.emailAddresses(issued.certificate()).get(0);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"-des3, sha256", "-aes128, sha256", "-aes-128-gcm, sha256", "-aes256, sha1"})
    void weakerThanWeSealOpenSslMessagesAreRefused(String cipher, String digest) throws Exception {
        Issued signer = InteropPki.rsaSender();
        Issued recipient = InteropPki.rsaRecipient();
        Files.write(directory.resolve("entity.eml"), Wire.bytes(ReportEntity.render(SampleReports.green())));
        InteropPki.writeCertificate(directory.resolve("signer.pem"), signer.certificate());
        InteropPki.writeKey(directory.resolve("signer.key"), signer.key());
        InteropPki.writeCertificate(directory.resolve("recipient.pem"), recipient.certificate());
        Tool.Result signed = openSsl("cms", "-sign", "-in", "entity.eml", "-md", digest, "-signer", "signer.pem", "-inkey", "signer.key",
                "-crlfeol", "-out", "signed.eml");
        assertThat(signed.status()).as(signed.describe()).isZero();
        Tool.Result encrypted = openSsl("cms", "-encrypt", "-binary", "-in", "signed.eml", cipher, "-recip", "recipient.pem",
                "-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256", "-keyopt", "rsa_mgf1_md:sha256",
                "-subject", NEUTRAL_SUBJECT, "-crlfeol", "-out", "sealed.eml");
        assertThat(encrypted.status()).as(encrypted.describe()).isZero();

        MimeMessage message = Wire.message(Files.readAllBytes(directory.resolve("sealed.eml")));
        assertThatThrownBy(() -> new Opener(recipient.credential()).open(message)).isInstanceOfSatisfying(OpenFailure.class,
                failure -> assertThat(failure.reason()).as(failure.getMessage()).isEqualTo(OpenFailure.Reason.WEAKER_THAN_ALLOWED));
    }

    @Test
    void openSslVerifiesAPublicationOfWhitePartsClearSignedByTheCouncil() throws Exception {
        Issued council = InteropPki.rsaRecipient();
        Report white = SampleReports.whiteIndicators();
        Organisation provider = new Organisation("bank-a", "みらい銀行", "Mirai Bank", Optional.of(Sector.BANKING), Role.PARTICIPANT,
                false, true, List.of(), List.of());
        Publication publication = new Distributor(new Sealer(council.credential(), SealingProfile.STANDARD), address(council), List.of())
                .publish(white, provider, List.of("advisories@public.example")).orElseThrow();
        Files.write(directory.resolve("publication.eml"), Wire.bytes(publication.signed()));
        InteropPki.writeCertificate(directory.resolve("ca.pem"), InteropPki.ca().certificate());

        Tool.Result verified = openSsl("cms", "-verify", "-in", "publication.eml", "-CAfile", "ca.pem", "-out", "content.eml");
        assertThat(verified.status()).as(verified.describe()).isZero();
        Report published = ReportEntity.parse(Wire.message(Files.readAllBytes(directory.resolve("content.eml"))));
        assertThat(published.parts().keySet()).containsExactlyInAnyOrder(Part.INDICATORS, Part.ATTACHMENTS);
    }

}
