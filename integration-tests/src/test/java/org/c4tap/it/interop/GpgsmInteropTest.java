package org.c4tap.it.interop;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.crypto.util.PBKDF2Config;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;
import org.c4tap.cli.demo.DemoParties;
import org.c4tap.cli.demo.DemoParty;
import org.c4tap.cli.pki.DemoPki;
import org.c4tap.core.entity.ReportEntity;
import org.c4tap.core.notice.Distribution;
import org.c4tap.core.notice.Distributor;
import org.c4tap.core.notice.Notice;
import org.c4tap.core.registry.Registry;
import org.c4tap.core.registry.RegistryLoader;
import org.c4tap.core.smime.Certificates;
import org.c4tap.core.smime.Credential;
import org.c4tap.core.smime.Crypto;
import org.c4tap.core.smime.KeyStores;
import org.c4tap.core.smime.OuterHeaders;
import org.c4tap.core.smime.Sealer;
import org.c4tap.core.smime.SealingProfile;
import org.c4tap.core.smime.SealingProfile.ContentEncryption;
import org.c4tap.core.smime.SealingProfile.RsaKeyTransport;
import org.c4tap.core.smime.SealingProfile.RsaSignature;
import org.c4tap.core.testing.SampleReports;
import org.c4tap.core.trust.CrlFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GnuPG's S/MIME tool (gpgsm, with libksba) as a second independent implementation, on the demo
 * PKI: the CA trusted through trustlist.txt, its CRL loaded into dirmngr (so revocation is
 * checked, offline), and the secretariat's demo key imported from a PKCS#12 file with the
 * passphrase given through the loopback pinentry. gpgsm reads less than OpenSSL does; what it
 * cannot read is asserted too, with the message it gives, so that the limits documented in
 * docs/INTEROP.md stay true.
 */
class GpgsmInteropTest {

    private static final DemoParty RECIPIENT = DemoParties.SECRETARIAT;

    @TempDir
    static Path shared;

    private static DemoPki pki;
    private static Registry registry;
    private static Credential council;
    private static Gpgsm gpgsm;

    @TempDir
    Path directory;

    @BeforeAll
    static void aGnuPgHomeTrustingTheDemoCaWithTheSecretariatsKey() throws Exception {
        Tool.require("gpgsm", "--version", "gpgsm");
        Tool.require("gpgconf", "--version", "gnupg");
        Tool.require("openssl", "version", "openssl");
        pki = DemoPki.generate(shared.resolve("pki"));
        registry = RegistryLoader.load(pki.registry());
        council = KeyStores.load(pki.keystore(DemoParties.COUNCIL), DemoPki.PASSWORD.toCharArray(), null);
        gpgsm = Gpgsm.create();

        Tool.Result ca = gpgsm.run(shared, null, "--import", pki.caCertificate().toString());
        assertThat(ca.status()).as(ca.describe()).isZero();
        gpgsm.trust(Certificates.read(pki.caCertificate()).get(0));
        Path crl = Files.write(shared.resolve("ca.crl.der"), CrlFiles.read(pki.crl()).get(0).getEncoded());
        Tool.Result loaded = gpgsm.run(shared, null, "--call-dirmngr", "loadcrl", crl.toAbsolutePath().toString());
        assertThat(loaded.status()).as(loaded.describe()).isZero();

        Tool.Result key = gpgsm.withPassphrase(shared, DemoPki.PASSWORD, "--import", pkcs12ForGnuPg(RECIPIENT).toString());
        assertThat(key.status()).as(key.describe()).isZero();
        assertThat(key.stderr()).contains("secret keys imported: 1");
    }

    @AfterAll
    static void removeTheGnuPgHome() throws Exception {
        if (gpgsm != null) {
            gpgsm.close();
        }
    }

    @Test
    void gpgsmDecryptsANoticeSealedWithRsaPkcs1V15AndVerifiesTheCouncilsSignature() throws Exception {
        Sealer sealer = new Sealer(council, new SealingProfile(ContentEncryption.AES_256_CBC, RsaKeyTransport.PKCS1_V1_5,
                RsaSignature.PKCS1_V1_5));
        Distribution distribution = new Distributor(sealer, DemoParties.COUNCIL_NOTICE_ADDRESS, List.of())
                .distribute(SampleReports.green(), registry.byId("bank-a").orElseThrow(), registry);
        Notice notice = noticeFor(distribution, RECIPIENT);
        byte[] wire = Wire.bytes(notice.sealed());

        byte[] decrypted = decryptedByGpgsm(wire);
        assertThat(decrypted).as("gpgsm and OpenSSL decrypt the notice to the same bytes").isEqualTo(decryptedByOpenSsl(wire));
        Wire.SignedParts parts = Wire.SignedParts.of(decrypted);
        assertThat(ReportEntity.parse(new MimeBodyPart(new ByteArrayInputStream(parts.content()))))
                .isEqualTo(distribution.attributed().restrictTo(notice.delivery().clearance()));
        verifiedByGpgsm(parts, council.certificate(), "1");
    }

    static Stream<Arguments> signatures() {
        return Stream.of(
                Arguments.of("RSA PKCS#1 v1.5 (council)", DemoParties.COUNCIL, RsaSignature.PKCS1_V1_5, "1"),
                Arguments.of("RSASSA-PSS (council)", DemoParties.COUNCIL, RsaSignature.PSS, "1"),
                Arguments.of("ECDSA P-256 (observer-pending)", DemoParties.OBSERVER_PENDING, RsaSignature.PKCS1_V1_5, "301"));
    }

    /** libgcrypt's algorithm numbers in VALIDSIG: 1 RSA (either padding), 301 ECDSA; the hash is 8, SHA-256. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("signatures")
    void gpgsmDecryptsToTheBytesWeSignedAndVerifiesEverySignatureScheme(String name, DemoParty signer, RsaSignature scheme,
            String publicKeyAlgorithm) throws Exception {
        Credential credential = KeyStores.load(pki.keystore(signer), DemoPki.PASSWORD.toCharArray(), null);
        MimeBodyPart entity = ReportEntity.render(SampleReports.green());
        OuterHeaders headers = new OuterHeaders(signer.noticeAddress(), List.of(RECIPIENT.noticeAddress()), "C4TAP notice",
                "<gpgsm-" + signer.name() + "@council.example>");
        MimeMessage sealed = new Sealer(credential, new SealingProfile(ContentEncryption.AES_256_CBC, RsaKeyTransport.PKCS1_V1_5, scheme))
                .seal(entity, headers, List.of(recipientCertificate()));

        Wire.SignedParts parts = Wire.SignedParts.of(decryptedByGpgsm(Wire.bytes(sealed)));
        assertThat(parts.content()).as("the signed entity, byte for byte").isEqualTo(Wire.bytes(entity));
        verifiedByGpgsm(parts, credential.certificate(), publicKeyAlgorithm);
    }

    /**
     * What the Distributor sends by default (SealingProfile.STANDARD: RSA-OAEP with SHA-256).
     * libksba, up to 1.6.8 and its development head, lists RSAES-OAEP as an algorithm it does not
     * support, so gpgsm finds no encrypted session key it can hand to the agent.
     */
    @Test
    void gpgsmCannotDecryptRsaOaepKeyTransportWhichOpenSslDecrypts() throws Exception {
        Distribution distribution = new Distributor(new Sealer(council, SealingProfile.STANDARD), DemoParties.COUNCIL_NOTICE_ADDRESS,
                List.of()).distribute(SampleReports.green(), registry.byId("bank-a").orElseThrow(), registry);
        byte[] wire = Wire.bytes(noticeFor(distribution, RECIPIENT).sealed());

        Tool.Result refused = gpgsmDecrypt(wire);
        assertThat(refused.status()).as(refused.describe()).isNotZero();
        assertThat(Gpgsm.status(refused, "DECRYPTION_FAILED")).hasSize(1);
        assertThat(refused.stderr()).contains("recp 0 - error getting encrypted session key");
        assertThat(Wire.SignedParts.of(decryptedByOpenSsl(wire)).content()).isNotEmpty();
    }

    /**
     * AES-256-GCM AuthEnvelopedData, ours and OpenSSL's alike. Both write a 16-byte tag, so the
     * GCMParameters carry aes-ICVlen 16 (RFC 5084: the default is 12); libksba turns the parameters
     * into a nonce only when aes-ICVlen is absent, and gpgsm then finds a 19-byte "IV".
     */
    @Test
    void gpgsmCannotDecryptAesGcmWithASixteenByteTagOursOrOpenSsls() throws Exception {
        MimeMessage ours = new Sealer(council, new SealingProfile(ContentEncryption.AES_256_GCM, RsaKeyTransport.PKCS1_V1_5,
                RsaSignature.PKCS1_V1_5)).seal(ReportEntity.render(SampleReports.green()),
                new OuterHeaders(DemoParties.COUNCIL_NOTICE_ADDRESS, List.of(RECIPIENT.noticeAddress()), "C4TAP notice", "<gcm@council.example>"),
                List.of(recipientCertificate()));
        Files.write(directory.resolve("ours.eml"), Wire.bytes(ours));
        Files.write(directory.resolve("plain.txt"), "Content-Type: text/plain\r\n\r\nGCM\r\n".getBytes(StandardCharsets.US_ASCII));
        Tool.Result encrypted = openSsl("cms", "-encrypt", "-binary", "-aes-256-gcm", "-in", "plain.txt", "-recip",
                pki.certificate(RECIPIENT).toString(), "-crlfeol", "-out", "openssl.eml");
        assertThat(encrypted.status()).as(encrypted.describe()).isZero();

        for (String file : List.of("ours.eml", "openssl.eml")) {
            CmsPrint print = new CmsPrint(openSsl("cms", "-cmsout", "-print", "-in", file).out());
            assertThat(print.algorithmAfter("contentEncryptionAlgorithm:")).isEqualTo("aes-256-gcm");
            assertThat(print.between("contentEncryptionAlgorithm:", "encryptedContent:")).containsPattern("INTEGER\\s+:10\\n");
            Tool.Result refused = gpgsmDecrypt(Files.readAllBytes(directory.resolve(file)));
            assertThat(refused.status()).as(file + ": " + refused.describe()).isNotZero();
            assertThat(refused.stderr()).as(file).contains("error getting IV: Buffer too short");
        }
    }

    /**
     * The demo key stores are PKCS#12 as the JDK writes them: PBES2, PBKDF2 with HMAC-SHA-256,
     * AES-256-CBC. GnuPG reads that PRF only from 2.2.42 and 2.4.4 on (sm/minip12.c); older gpgsm
     * stops with a parse error, which is why this test class imports a re-encoding (see pkcs12ForGnuPg).
     */
    @Test
    void theJdkWrittenPkcs12IsReadOnlyByGnuPg2_2_42And2_4_4OrNewer() throws Exception {
        int[] version = Gpgsm.version();
        boolean readsHmacSha256 = version[0] > 2 || (version[0] == 2 && (version[1] >= 5 || (version[1] == 4 && version[2] >= 4)
                || (version[1] == 2 && version[2] >= 42)));
        try (Gpgsm fresh = Gpgsm.create()) {
            Tool.Result imported = fresh.withPassphrase(directory, DemoPki.PASSWORD, "--import", pki.keystore(DemoParties.ANALYST).toString());
            if (readsHmacSha256) {
                assertThat(imported.stderr()).as(imported.describe()).contains("secret keys imported: 1");
            } else {
                assertThat(imported.stderr()).as(imported.describe()).contains("error parsing or decrypting the PKCS#12 file")
                        .doesNotContain("secret keys imported");
            }
        }
    }

    private Tool.Result gpgsmDecrypt(byte[] wire) throws Exception {
        Files.write(directory.resolve("sealed.p7m"), Wire.der(wire));
        Files.deleteIfExists(directory.resolve("decrypted.eml"));
        return gpgsm.withPassphrase(directory, DemoPki.PASSWORD, "--output", "decrypted.eml", "--decrypt", "sealed.p7m");
    }

    private byte[] decryptedByGpgsm(byte[] wire) throws Exception {
        Tool.Result decrypted = gpgsmDecrypt(wire);
        assertThat(decrypted.status()).as(decrypted.describe()).isZero();
        assertThat(Gpgsm.status(decrypted, "DECRYPTION_OKAY")).hasSize(1);
        return Files.readAllBytes(directory.resolve("decrypted.eml"));
    }

    private byte[] decryptedByOpenSsl(byte[] wire) throws Exception {
        Files.write(directory.resolve("sealed.eml"), wire);
        Tool.Result key = openSsl("pkcs12", "-in", pki.keystore(RECIPIENT).toString(), "-passin", "file:" + pki.passwordFile(),
                "-nocerts", "-nodes", "-out", "recipient.key");
        assertThat(key.status()).as(key.describe()).isZero();
        try {
            Tool.Result decrypted = openSsl("cms", "-decrypt", "-in", "sealed.eml", "-recip", pki.certificate(RECIPIENT).toString(),
                    "-inkey", "recipient.key", "-out", "openssl-decrypted.eml");
            assertThat(decrypted.status()).as(decrypted.describe()).isZero();
            return Files.readAllBytes(directory.resolve("openssl-decrypted.eml"));
        } finally {
            Files.delete(directory.resolve("recipient.key"));
        }
    }

    /** gpgsm verifies the detached signature over the content, to the trusted demo CA, with the CRL checked. */
    private void verifiedByGpgsm(Wire.SignedParts parts, X509Certificate signer, String publicKeyAlgorithm) throws Exception {
        Files.write(directory.resolve("content.eml"), parts.content());
        Files.write(directory.resolve("signature.p7s"), parts.signature());
        Tool.Result verified = gpgsm.run(directory, null, "--verify", "signature.p7s", "content.eml");
        assertThat(verified.status()).as(verified.describe()).isZero();
        assertThat(Gpgsm.status(verified, "GOODSIG")).hasSize(1);
        List<List<String>> valid = Gpgsm.status(verified, "VALIDSIG");
        assertThat(valid).as(verified.describe()).hasSize(1);
        // fingerprint, date, time, expiry, version, reserved, public key algorithm, hash algorithm, class
        assertThat(valid.get(0).get(0)).isEqualTo(Gpgsm.fingerprint(signer));
        assertThat(valid.get(0).get(6)).isEqualTo(publicKeyAlgorithm);
        assertThat(valid.get(0).get(7)).isEqualTo("8");
        assertThat(Gpgsm.status(verified, "TRUST_FULLY")).hasSize(1);
        assertThat(verified.stderr()).doesNotContain("not checked");
    }

    /**
     * The demo key store written again as every gpgsm since 2.2 reads PKCS#12, same password: the
     * certificates unencrypted, the key in PBES2 with PBKDF2-HMAC-SHA-1 (an 8-byte salt; 2.2.40
     * takes at most 19) and AES-128-CBC, a SHA-1 MAC. Not 3DES: gpgsm's PKCS#12 key derivation
     * (string_to_key in sm/minip12.c, all versions) writes the incremented I blocks with
     * gcry_mpi_print, which drops leading zero bytes, so about one 3DES key in 128 comes out wrong
     * and the import fails at random; PBKDF2 never goes through that code, and the 20-byte MAC key
     * needs one round of it only.
     */
    private static Path pkcs12ForGnuPg(DemoParty party) throws Exception {
        char[] password = DemoPki.PASSWORD.toCharArray();
        Credential credential = KeyStores.load(pki.keystore(party), password, null);
        byte[] keyId = MessageDigest.getInstance("SHA-1").digest(credential.certificate().getPublicKey().getEncoded());
        PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
        for (X509Certificate certificate : credential.chain()) {
            PKCS12SafeBagBuilder bag = new JcaPKCS12SafeBagBuilder(certificate);
            if (certificate.equals(credential.certificate())) {
                bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DEROctetString(keyId));
            }
            pfx.addData(bag.build());
        }
        PBKDF2Config kdf = new PBKDF2Config.Builder().withIterationCount(10_000).withSaltLength(8).withPRF(PBKDF2Config.PRF_SHA1).build();
        PKCS12SafeBagBuilder key = new JcaPKCS12SafeBagBuilder(credential.key(),
                new JcePKCSPBEOutputEncryptorBuilder(kdf, NISTObjectIdentifiers.id_aes128_CBC).setProvider(Crypto.provider()).build(password));
        key.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DEROctetString(keyId));
        pfx.addData(key.build());
        byte[] encoded = pfx.build(new JcePKCS12MacCalculatorBuilder(OIWObjectIdentifiers.idSHA1).setProvider(Crypto.provider()), password)
                .getEncoded();
        return Files.write(shared.resolve(party.name() + "-gnupg.p12"), encoded);
    }

    private static Notice noticeFor(Distribution distribution, DemoParty party) {
        return distribution.notices().stream()
                .filter(notice -> notice.delivery().recipient().id().equals(party.organisation().orElseThrow()))
                .findFirst().orElseThrow();
    }

    private static X509Certificate recipientCertificate() throws Exception {
        return Certificates.read(pki.certificate(RECIPIENT)).get(0);
    }


    private Tool.Result openSsl(String... arguments) throws Exception {
        String[] command = new String[arguments.length + 1];
        command[0] = "openssl";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        return Tool.run(directory, Map.of(), null, command);
    }
}
