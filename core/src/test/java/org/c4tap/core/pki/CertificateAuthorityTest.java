package org.c4tap.core.pki;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.c4tap.core.pki.CertificateAuthority.Issued;
import org.c4tap.core.pki.CertificateAuthority.Revocation;
import org.c4tap.core.pki.IssueOptions.Flaw;
import org.c4tap.core.smime.Certificates;
import org.c4tap.core.trust.CrlFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final List<String> ADDRESSES = List.of("soc@power-b.example");
    private static final CertificateAuthority CA = ca();

    @TempDir
    Path directory;

    @Test
    void theCaCertificateMaySignCertificatesAndCrls() throws Exception {
        X509Certificate ca = reparsed(CA.certificate());

        assertThat(ca.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
        assertThat(usages(ca)).containsExactly("keyCertSign", "cRLSign");
        assertThat(openssl("x509", "-in", write("ca.pem", Certificates.pem(CA.certificate())), "-noout", "-text"))
                .contains("CA:TRUE").contains("Certificate Sign, CRL Sign");
    }

    @Test
    void anEcP256CertificateSignsAndAgreesKeys() throws Exception {
        Issued issued = CA.issue("Power B", "Hikari Electric Power", ADDRESSES, IssueOptions.of(KeyType.EC_P256, Duration.ofDays(30)));
        X509Certificate certificate = reparsed(issued.certificate());

        assertThat(certificate.getPublicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(((ECPublicKey) certificate.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(usages(certificate)).containsExactly("digitalSignature", "keyAgreement");
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.4");
        assertThat(Certificates.emailAddresses(certificate)).containsExactly("soc@power-b.example");
        certificate.verify(CA.certificate().getPublicKey());
        assertThat(openssl("x509", "-in", write("ec.pem", Certificates.pem(certificate)), "-noout", "-text"))
                .contains("Public Key Algorithm: id-ecPublicKey")
                .contains("NIST CURVE: P-256")
                .containsPattern("X509v3 Key Usage: critical\\s+Digital Signature, Key Agreement\\n")
                .containsPattern("X509v3 Extended Key Usage:\\s*\\n\\s+E-mail Protection\\n")
                .contains("email:soc@power-b.example")
                .contains("CA:FALSE");
    }

    @Test
    void anRsaCertificateSignsAndReceivesByKeyTransport() throws Exception {
        Issued issued = CA.issue("Mirai Bank", "Mirai Bank", ADDRESSES, Duration.ofDays(30));
        X509Certificate certificate = reparsed(issued.certificate());

        assertThat(((RSAPublicKey) certificate.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(usages(certificate)).containsExactly("digitalSignature", "keyEncipherment");
        assertThat(openssl("x509", "-in", write("rsa.pem", Certificates.pem(certificate)), "-noout", "-text"))
                .contains("Public-Key: (2048 bit)")
                .containsPattern("X509v3 Key Usage: critical\\s+Digital Signature, Key Encipherment\\n");
    }

    @Test
    void anRsa3072KeyIsAvailable() throws Exception {
        Issued issued = CA.issue("Archive", "CEPTOAR Council", ADDRESSES, IssueOptions.of(KeyType.RSA_3072, Duration.ofDays(30)));

        assertThat(((RSAPublicKey) issued.publicKey()).getModulus().bitLength()).isEqualTo(3072);
    }

    @Test
    void anEcCaSignsWithEcdsa() throws Exception {
        CertificateAuthority ecCa = CertificateAuthority.create("EC Root", KeyType.EC_P256, Validity.fromNow(Duration.ofDays(10)));
        Issued issued = ecCa.issue("Observer", "Observer Institute", ADDRESSES, IssueOptions.of(KeyType.RSA_2048, Duration.ofDays(5)));

        assertThat(ecCa.certificate().getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(issued.certificate().getSigAlgName()).isEqualTo("SHA256withECDSA");
        issued.certificate().verify(ecCa.certificate().getPublicKey());
    }

    @Test
    void flawsAreInTheCertificateAsAsked() throws Exception {
        IssueOptions ec = IssueOptions.of(KeyType.EC_P256, Duration.ofDays(30));
        IssueOptions rsa = IssueOptions.of(KeyType.RSA_2048, Duration.ofDays(30));

        assertThat(CA.issue("A", "O", ADDRESSES, ec.with(Flaw.NO_EMAIL_PROTECTION)).certificate().getExtendedKeyUsage())
                .containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(usages(CA.issue("B", "O", ADDRESSES, ec.with(Flaw.NO_SIGNING_USAGE)).certificate())).containsExactly("keyAgreement");
        assertThat(usages(CA.issue("C", "O", ADDRESSES, rsa.with(Flaw.NO_SIGNING_USAGE)).certificate())).containsExactly("keyEncipherment");
        assertThat(usages(CA.issue("D", "O", ADDRESSES, ec.with(Flaw.NO_ENCRYPTION_USAGE)).certificate()))
                .containsExactly("digitalSignature", "keyEncipherment");
        assertThat(usages(CA.issue("E", "O", ADDRESSES, rsa.with(Flaw.NO_ENCRYPTION_USAGE)).certificate()))
                .containsExactly("digitalSignature", "keyAgreement");
        X509Certificate expired = CA.issue("F", "O", ADDRESSES, ec.expired()).certificate();
        assertThat(expired.getNotAfter().toInstant()).isBefore(Instant.now().minus(Duration.ofHours(23)));
    }

    @Test
    void aLegacyCertificateCarriesItsAddressInTheSubjectOnly() throws Exception {
        X509Certificate legacy = CA.issue("Legacy", "Old Org", ADDRESSES,
                IssueOptions.of(KeyType.EC_P256, Duration.ofDays(30)).with(Flaw.ADDRESSES_IN_SUBJECT_ONLY)).certificate();

        assertThat(legacy.getSubjectAlternativeNames()).isNull();
        assertThat(legacy.getSubjectX500Principal().getName()).isEqualTo("1.2.840.113549.1.9.1=#1613736f6340706f7765722d622e6578616d706c65,CN=Legacy,O=Old Org,C=JP");
        assertThat(openssl("x509", "-in", write("legacy.pem", Certificates.pem(legacy)), "-noout", "-subject"))
                .isEqualTo("subject=C = JP, O = Old Org, CN = Legacy, emailAddress = soc@power-b.example\n");
    }

    @Test
    void anIntermediateCaSitsBetweenTheRootAndItsLeaves() throws Exception {
        CertificateAuthority issuing = CA.intermediate("Issuing CA", KeyType.EC_P256, Validity.fromNow(Duration.ofDays(30)));
        Issued leaf = issuing.issue("Leaf", "O", ADDRESSES, IssueOptions.of(KeyType.EC_P256, Duration.ofDays(10)));

        assertThat(issuing.certificate().getBasicConstraints()).isZero();
        assertThat(usages(issuing.certificate())).containsExactly("keyCertSign", "cRLSign");
        assertThat(issuing.chain()).containsExactly(issuing.certificate(), CA.certificate());
        assertThat(leaf.issuer()).isEqualTo(issuing.certificate());
        assertThat(leaf.credential().chain()).containsExactly(leaf.certificate(), issuing.certificate(), CA.certificate());
    }

    @Test
    void theCrlListsRevokedSerialsAndVerifiesWithOpenssl() throws Exception {
        CertificateAuthority ca = ecCa();
        Issued revoked = ca.issue("Revoked", "O", ADDRESSES, IssueOptions.of(KeyType.EC_P256, Duration.ofDays(30)));
        Issued kept = ca.issue("Kept", "O", ADDRESSES, IssueOptions.of(KeyType.EC_P256, Duration.ofDays(30)));
        assertThat(ca.revoke(revoked.certificate(), NOW.minus(Duration.ofMinutes(5)))).isTrue();
        assertThat(ca.revoke(revoked.certificate(), NOW)).isFalse();

        X509CRL crl = ca.crl(NOW, Duration.ofDays(7));

        assertThat(ca.revocations()).containsExactly(new Revocation(revoked.certificate().getSerialNumber(), NOW.minus(Duration.ofMinutes(5))));
        assertThat(crl.isRevoked(revoked.certificate())).isTrue();
        assertThat(crl.isRevoked(kept.certificate())).isFalse();
        assertThat(crl.getNextUpdate().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(7)));
        assertThat(CertificateAuthority.crlNumber(crl)).contains(BigInteger.ONE);
        String caPem = write("ca.pem", Certificates.pem(ca.certificate()));
        String crlPem = write("ca.crl", CrlFiles.pem(crl));
        assertThat(openssl("crl", "-in", crlPem, "-CAfile", caPem, "-noout")).isEqualTo("verify OK\n");
        assertThat(openssl("crl", "-in", crlPem, "-noout", "-text"))
                .contains("Serial Number: " + opensslSerial(revoked.certificate().getSerialNumber()) + "\n")
                .doesNotContain(opensslSerial(kept.certificate().getSerialNumber()))
                .containsPattern("X509v3 CRL Number:\\s*\\n\\s+1\\n")
                .contains("X509v3 Authority Key Identifier");
    }

    @Test
    void aCrlSignedByAnotherCaFailsOpensslVerification() throws Exception {
        CertificateAuthority ca = ecCa();
        CertificateAuthority other = ecCa();
        String otherPem = write("other.pem", Certificates.pem(other.certificate()));
        String crlPem = write("ca.crl", CrlFiles.pem(ca.crl(NOW, Duration.ofDays(7))));

        Result result = run("openssl", "crl", "-in", crlPem, "-CAfile", otherPem, "-noout");

        // OpenSSL 3.0 reports the failure but exits 0, so the output is what tells
        assertThat(result.output()).isEqualTo("verify failure\n");
    }

    @Test
    void eachCrlGetsTheNextNumberAndAResumedCaContinues() throws Exception {
        CertificateAuthority ca = ecCa();
        Issued first = ca.issue("First", "O", ADDRESSES, IssueOptions.of(KeyType.EC_P256, Duration.ofDays(30)));
        Issued second = ca.issue("Second", "O", ADDRESSES, IssueOptions.of(KeyType.EC_P256, Duration.ofDays(30)));
        ca.revoke(first.certificate(), NOW);
        ca.crl(NOW, Duration.ofDays(7));
        X509CRL published = CrlFiles.read(new ByteArrayInputStream(CrlFiles.pem(ca.crl(NOW, Duration.ofDays(7))).getBytes(US_ASCII))).get(0);

        CertificateAuthority resumed = CertificateAuthority.resume(ca.credential(), Optional.of(published));
        resumed.revoke(second.certificate(), NOW.plusSeconds(60));
        X509CRL next = resumed.crl(NOW.plusSeconds(60), Duration.ofDays(7));

        assertThat(CertificateAuthority.crlNumber(published)).contains(BigInteger.TWO);
        assertThat(CertificateAuthority.crlNumber(next)).contains(BigInteger.valueOf(3));
        assertThat(resumed.revocations()).extracting(Revocation::serial)
                .containsExactlyInAnyOrder(first.certificate().getSerialNumber(), second.certificate().getSerialNumber());
        assertThat(next.isRevoked(first.certificate())).isTrue();
        assertThat(next.isRevoked(second.certificate())).isTrue();
    }

    @Test
    void aCaResumesOnlyFromItsOwnCrl() throws Exception {
        CertificateAuthority ca = ecCa();
        X509CRL foreign = ecCa().crl(NOW, Duration.ofDays(7));

        assertThatThrownBy(() -> CertificateAuthority.resume(ca.credential(), Optional.of(foreign)))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aCaRevokesOnlyWhatItIssued() throws Exception {
        CertificateAuthority ca = ecCa();
        Issued stranger = ecCa().issue("Stranger", "O", ADDRESSES, IssueOptions.of(KeyType.EC_P256, Duration.ofDays(30)));

        assertThatThrownBy(() -> ca.revoke(stranger.certificate(), NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(Certificates.describe(stranger.certificate()) + " was not issued by " + Certificates.describe(ca.certificate()));
        assertThat(ca.revocations()).isEmpty();
    }

    private static List<String> usages(X509Certificate certificate) {
        String[] names = {"digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment", "keyAgreement",
                "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};
        boolean[] usage = certificate.getKeyUsage();
        List<String> set = new ArrayList<>();
        for (int bit = 0; bit < Math.min(usage.length, names.length); bit++) {
            if (usage[bit]) {
                set.add(names[bit]);
            }
        }
        return set;
    }

    /** Through the JDK's own parser, not the object BouncyCastle handed back. */
    private static X509Certificate reparsed(X509Certificate certificate) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(certificate.getEncoded()));
    }

    /** OpenSSL prints serials in upper-case hex, in whole bytes. */
    private static String opensslSerial(BigInteger serial) {
        String hex = serial.toString(16).toUpperCase(Locale.ROOT);
        return hex.length() % 2 == 0 ? hex : "0" + hex;
    }

    private String write(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content, US_ASCII).toString();
    }

    private static String openssl(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Result result = run(command.toArray(String[]::new));
        assertThat(result.exitCode()).as("openssl %s: %s", String.join(" ", arguments), result.output()).isZero();
        return result.output();
    }

    private static Result run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    private record Result(int exitCode, String output) {
    }

    private static CertificateAuthority ecCa() throws GeneralSecurityException {
        return CertificateAuthority.create("Revoking CA", KeyType.EC_P256, Validity.fromNow(Duration.ofDays(30)));
    }

    private static CertificateAuthority ca() {
        try {
            return CertificateAuthority.create("Test Root", Duration.ofDays(30));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
