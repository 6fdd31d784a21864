package org.c4tap.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.c4tap.cli.Main;
import org.c4tap.cli.demo.DemoParties;
import org.c4tap.cli.demo.DemoParty;
import org.c4tap.cli.pki.DemoPki;
import org.c4tap.core.pki.CertificateAuthority;
import org.c4tap.core.pki.IssueOptions;
import org.c4tap.core.pki.KeyType;
import org.c4tap.core.pki.Validity;
import org.c4tap.core.smime.Certificates;
import org.c4tap.core.trust.CertificateRejection;
import org.c4tap.core.trust.CertificateValidator;
import org.c4tap.core.trust.CrlFiles;
import org.c4tap.core.trust.TrustSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code c4tap pki} run in-process, on one demo PKI written by {@code c4tap pki demo}. */
class PkiCommandTest {

    @TempDir
    static Path directory;

    private static Path pki;
    /** ca.crl as the demo wrote it, before any test revoked something. */
    private static String firstCrl;

    @BeforeAll
    static void writeTheDemoPki() throws Exception {
        pki = directory.resolve("pki");
        Run demo = run("pki", "demo", "--out", pki.toString());
        assertThat(demo.exitCode()).as(demo.err()).isZero();
        assertThat(demo.out()).contains("  EC P-256 keys:   observer, observer-pending, power-b (the others RSA 2048)\n");
        firstCrl = Files.readString(pki.resolve("ca.crl"), StandardCharsets.US_ASCII);
    }

    @Test
    void theDemoWritesTheCaKeyStoreAndAnEmptyCrlBesideTheUsualFiles() throws Exception {
        assertThat(pki.resolve("ca.pem")).isRegularFile();
        assertThat(pki.resolve("ca.p12")).isRegularFile();
        assertThat(pki.resolve("keystore-password")).isRegularFile();
        assertThat(pki.resolve("registry.yaml")).isRegularFile();
        for (DemoParty party : DemoParties.ALL) {
            assertThat(pki.resolve(party.name() + ".p12")).isRegularFile();
            assertThat(pki.resolve(party.name() + ".pem")).isRegularFile();
        }
        X509Certificate ca = Certificates.read(pki.resolve("ca.pem")).get(0);
        X509CRL crl = CrlFiles.read(new ByteArrayInputStream(firstCrl.getBytes(StandardCharsets.US_ASCII))).get(0);
        crl.verify(ca.getPublicKey());
        assertThat(firstCrl).startsWith("-----BEGIN X509 CRL-----\n");
        assertThat(crl.getRevokedCertificates()).isNull();
        assertThat(CertificateAuthority.crlNumber(crl)).contains(BigInteger.ONE);
    }

    @Test
    void revokingPutsTheCertificateOnTheCrlThatValidatorsRead() throws Exception {
        Path certificateFile = pki.resolve("related.pem");
        X509Certificate certificate = Certificates.read(certificateFile).get(0);
        X509CRL before = CrlFiles.read(pki.resolve("ca.crl")).get(0);
        long number = CertificateAuthority.crlNumber(before).orElseThrow().longValueExact();
        int listed = before.getRevokedCertificates() == null ? 0 : before.getRevokedCertificates().size();

        Run revoke = run("pki", "revoke", "--ca-dir", pki.toString(), "--password-file", pki.resolve("keystore-password").toString(),
                certificateFile.toString());

        X509CRL after = CrlFiles.read(pki.resolve("ca.crl")).get(0);
        assertThat(revoke.exitCode()).as(revoke.err()).isZero();
        assertThat(revoke.out()).isEqualTo("revoked " + Certificates.describe(certificate) + "\n"
                + pki.resolve("ca.crl") + ": CRL number " + (number + 1) + ", " + (listed + 1) + " revoked certificate"
                + (listed + 1 == 1 ? "" : "s") + ", next update " + after.getNextUpdate().toInstant() + "\n");
        assertThat(after.isRevoked(certificate)).isTrue();
        CertificateValidator validator = new CertificateValidator(TrustSettings.read(pki.resolve("ca.pem"), List.of(pki.resolve("ca.crl"))));
        CertificateRejection rejection = catchThrowableOfType(CertificateRejection.class,
                () -> validator.validateRecipient(certificate));
        assertThat(rejection.reason()).isEqualTo(CertificateRejection.Reason.REVOKED);
        X509Certificate operator = Certificates.read(pki.resolve("operator.pem")).get(0);
        assertThat(validator.validateSigner(operator, List.of(), DemoParties.GATEWAY_ADDRESS).path()).hasSize(2);

        Run again = run("pki", "revoke", "--ca-dir", pki.toString(), "--password-file", pki.resolve("keystore-password").toString(),
                certificateFile.toString());

        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).startsWith("already revoked: " + Certificates.describe(certificate) + "\n"
                + pki.resolve("ca.crl") + ": CRL number " + (number + 2) + ", " + (listed + 1) + " revoked certificate");
    }

    @Test
    void aCertificateOfAnotherCaIsNotRevoked() throws Exception {
        CertificateAuthority other = CertificateAuthority.create("Other CA", KeyType.EC_P256, Validity.fromNow(Duration.ofDays(30)));
        X509Certificate stranger = other.issue("Stranger", "Elsewhere", List.of("x@elsewhere.example"),
                IssueOptions.of(KeyType.EC_P256, Duration.ofDays(30))).certificate();
        Path file = Files.writeString(directory.resolve("stranger.pem"), Certificates.pem(stranger), StandardCharsets.US_ASCII);
        String crlBefore = Files.readString(pki.resolve("ca.crl"), StandardCharsets.US_ASCII);

        Run revoke = run("pki", "revoke", "--ca-dir", pki.toString(), "--password-file", pki.resolve("keystore-password").toString(),
                file.toString());

        assertThat(revoke.exitCode()).isEqualTo(1);
        assertThat(revoke.out()).isEmpty();
        assertThat(revoke.err()).startsWith("refused: " + Certificates.describe(stranger) + " was not issued by CN=C4TAP Demo CA,");
        assertThat(Files.readString(pki.resolve("ca.crl"), StandardCharsets.US_ASCII)).isEqualTo(crlBefore);
    }

    @Test
    void inspectShowsAnRsaCertificate() throws Exception {
        X509Certificate certificate = Certificates.read(pki.resolve("operator.pem")).get(0);

        Run inspect = run("pki", "inspect", pki.resolve("operator.pem").toString());

        assertThat(inspect.exitCode()).as(inspect.err()).isZero();
        assertThat(inspect.out()).isEqualTo(
                "subject:            CN=Mirai Bank,O=Mirai Bank,C=JP\n"
                + "issuer:             CN=C4TAP Demo CA,O=C4TAP Demo,C=JP\n"
                + "serial:             " + certificate.getSerialNumber().toString(16) + "\n"
                + "addresses:          c4tap@bank-a.example, c4tap-gateway@bank-a.example\n"
                + "key:                RSA 2048 bits\n"
                + "key usage:          digitalSignature, keyEncipherment\n"
                + "extended key usage: emailProtection\n"
                + "basic constraints:  end entity\n"
                + "valid from:         " + certificate.getNotBefore().toInstant() + "\n"
                + "valid until:        " + certificate.getNotAfter().toInstant() + " (expires in 729 days)\n"
                + "sha256:             " + Certificates.fingerprint(certificate) + "\n");
    }

    @Test
    void inspectShowsTheChainOfAnEcKeyStore() throws Exception {
        Path keystore = pki.resolve("observer-pending.p12");

        Run inspect = run("pki", "inspect", "--password-file", pki.resolve("keystore-password").toString(), keystore.toString());

        assertThat(inspect.exitCode()).as(inspect.err()).isZero();
        String[] blocks = inspect.out().split("\n\n");
        assertThat(blocks).hasSize(2);
        assertThat(blocks[0]).startsWith("# certificate 1 of 2\nsubject:            CN=Observer (rules not yet agreed),")
                .contains("\naddresses:          noc@observer-pending.example\n")
                .contains("\nkey:                EC 256 bits (P-256)\n")
                .contains("\nkey usage:          digitalSignature, keyAgreement\n")
                .contains("\nbasic constraints:  end entity\n");
        assertThat(blocks[1]).startsWith("# certificate 2 of 2\nsubject:            CN=C4TAP Demo CA,O=C4TAP Demo,C=JP\n")
                .contains("\nkey:                RSA 3072 bits\n")
                .contains("\nkey usage:          keyCertSign, cRLSign\n")
                .contains("\nextended key usage: (no extension: any)\n")
                .contains("\nbasic constraints:  CA\n")
                .contains("(expires in 1459 days)");
    }

    @Test
    void inspectReadsDerAndSaysWhenACertificateHasExpired() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("Old CA", KeyType.EC_P256, Validity.fromNow(Duration.ofDays(30)));
        X509Certificate expired = ca.issue("Old", "Old Org", List.of("old@example.org"),
                IssueOptions.of(KeyType.EC_P256, Duration.ofDays(30)).expired()).certificate();
        Path der = Files.write(directory.resolve("old.der"), expired.getEncoded());

        Run inspect = run("pki", "inspect", der.toString());

        assertThat(inspect.exitCode()).as(inspect.err()).isZero();
        assertThat(inspect.out()).contains("\nvalid until:        " + expired.getNotAfter().toInstant() + " (EXPIRED)\n")
                .contains("\nsha256:             " + Certificates.fingerprint(expired) + "\n");
    }

    @Test
    void aWrongPasswordIsReportedWithoutTheKeyStoreContentOrThePassword() throws Exception {
        Path wrong = Files.writeString(directory.resolve("wrong-password"), "not-the-password\n", StandardCharsets.UTF_8);

        Run inspect = run("pki", "inspect", "--password-file", wrong.toString(), pki.resolve("operator.p12").toString());

        assertThat(inspect.exitCode()).isEqualTo(2);
        assertThat(inspect.out()).isEmpty();
        assertThat(inspect.err()).isEqualTo("c4tap pki: KeyStoreLoadException: cannot read the key store "
                + pki.resolve("operator.p12") + ": wrong password\n");
    }

    @Test
    void noPasswordOptionExists() {
        Run inspect = run("pki", "inspect", "--password", DemoPki.PASSWORD, pki.resolve("operator.p12").toString());

        assertThat(inspect.exitCode()).isEqualTo(2);
        assertThat(inspect.err()).isEqualTo("Unknown options: '--password', '" + pki.resolve("operator.p12")
                + "'\nPossible solutions: --password-file\n");
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(arguments);
        return new Run(exitCode, out.toString(), err.toString());
    }
}
