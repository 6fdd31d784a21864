package org.c4tap.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.c4tap.cli.Main;
import org.c4tap.cli.pki.DemoPki;
import org.c4tap.core.pki.CertificateAuthority;
import org.c4tap.core.pki.IssueOptions;
import org.c4tap.core.pki.KeyType;
import org.c4tap.core.pki.Validity;
import org.c4tap.core.smime.Certificates;
import org.c4tap.core.smime.KeyStores;
import org.c4tap.core.trust.CrlFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code c4tap seal}, {@code open}, {@code distribute} and {@code registry validate}, in-process, on the demo PKI. */
class CouncilCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBMISSION = "From: taro@bank-a.example\r\nTo: report+green@bank-a.example\r\nSubject: FW: invoice\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee below\r\n"
            + "--b\r\nContent-Type: message/rfc822\r\n\r\nFrom: billing@evil.example\r\nTo: taro@bank-a.example\r\nSubject: invoice\r\n"
            + "Date: Thu, 26 Nov 2026 10:00:00 +0900\r\nMessage-ID: <1@evil.example>\r\n\r\nplease log in at http://evil.example/login\r\n"
            + "--b--\r\n";

    @TempDir
    static Path directory;

    private static Path pki;
    private static Path sealed;

    @BeforeAll
    static void sealAReportWithTheDemoPki() throws Exception {
        pki = directory.resolve("pki");
        assertThat(run("pki", "demo", "--out", pki.toString()).exitCode()).isZero();
        Path submission = Files.writeString(directory.resolve("submission.eml"), SUBMISSION);
        sealed = directory.resolve("sealed.eml");
        Run seal = run("seal", submission.toString(), "--sign", pki("operator.p12"), "--to", pki("council.pem"), "--scope", "GREEN",
                "--from", "c4tap-gateway@bank-a.example", "--out", sealed.toString());
        assertThat(seal.exitCode()).as(seal.err()).isZero();
    }

    @Test
    void theCouncilOpensTheReportAsItsGatewayWould() throws Exception {
        Run open = run("open", sealed.toString(), "--key", pki("council.p12"), "--trust", pki("ca.pem"), "--crl", pki("ca.crl"),
                "--registry", pki("registry.yaml"), "--minimum-encryption", "aes-256-gcm");

        assertThat(open.exitCode()).as(open.err()).isZero();
        assertThat(open.err()).contains("provider: bank-a (Mirai Bank)").contains("encryption: AES_256_GCM");
        JsonNode report = JSON.readTree(open.out());
        assertThat(report.at("/scope/parts/indicators").asText()).isEqualTo("GREEN");
        assertThat(report.at("/message/subject").asText()).isEqualTo("invoice");
    }

    @Test
    void distributeWritesOneNoticePerAllowedOrganisationAndPrintsThePlan() throws Exception {
        Path out = directory.resolve("notices");
        Run distribute = run("distribute", sealed.toString(), "--key", pki("council.p12"), "--registry", pki("registry.yaml"),
                "--trust", pki("ca.pem"), "--crl", pki("ca.crl"), "--out", out.toString());

        assertThat(distribute.exitCode()).as(distribute.err()).isZero();
        JsonNode plan = JSON.readTree(distribute.out());
        List<String> recipients = new ArrayList<>();
        plan.get("notices").forEach(notice -> recipients.add(notice.get("recipient").asText()));
        assertThat(recipients).containsExactlyInAnyOrder("bank-a", "secretariat", "analysts", "power-b", "observer-agreed", "related");
        JsonNode participant = find(plan, "power-b");
        assertThat(participant.get("clearance").asText()).isEqualTo("AMBER");
        assertThat(participant.get("parts").has("reporter")).isFalse();
        assertThat(participant.get("parts").get("headers").asText()).isEqualTo("AMBER");
        assertThat(find(plan, "related").get("parts").has("headers")).isFalse();

        Run asParticipant = run("open", out.resolve("power-b.eml").toString(), "--key", pki("power-b.p12"), "--trust", pki("ca.pem"),
                "--crl", pki("ca.crl"));
        assertThat(asParticipant.exitCode()).as(asParticipant.err()).isZero();
        assertThat(asParticipant.err()).contains("c4tap@council.example");
        JsonNode notice = JSON.readTree(asParticipant.out());
        assertThat(notice.get("report_id").asText()).isEqualTo(plan.get("report_id").asText());
        assertThat(notice.has("reporter")).isFalse();
        assertThat(asParticipant.out()).doesNotContain("taro@bank-a.example");

        Run notForThem = run("open", out.resolve("power-b.eml").toString(), "--key", pki("related.p12"), "--trust", pki("ca.pem"));
        assertThat(notForThem.exitCode()).isEqualTo(1);
        assertThat(notForThem.err()).contains("refused: not_encrypted_for_us");
    }

    @Test
    void aReportSealedLessStronglyThanTheCouncilRequiresIsRefused() throws Exception {
        Path cbc = directory.resolve("cbc.eml");
        Path submission = Files.writeString(directory.resolve("submission-cbc.eml"), SUBMISSION);
        assertThat(run("seal", submission.toString(), "--sign", pki("operator.p12"), "--to", pki("council.pem"),
                "--encryption", "aes-256-cbc", "--from", "c4tap-gateway@bank-a.example", "--out", cbc.toString()).exitCode()).isZero();

        Run distribute = run("distribute", cbc.toString(), "--key", pki("council.p12"), "--registry", pki("registry.yaml"),
                "--out", directory.resolve("none").toString());

        assertThat(distribute.exitCode()).isEqualTo(1);
        assertThat(distribute.err()).contains("refused: weaker_than_allowed");
        assertThat(directory.resolve("none")).doesNotExist();
    }

    @Test
    void theDemoRegistryIsValid() {
        Run validate = run("registry", "validate", pki("registry.yaml"), "--trust", pki("ca.pem"), "--crl", pki("ca.crl"));

        assertThat(validate.exitCode()).as(validate.out()).isZero();
        assertThat(validate.out()).contains("8 organisations").contains("0 error(s), 0 warning(s)");
    }

    @Test
    void aBrokenRegistryIsRefusedWithEveryProblemOnItsLine() throws Exception {
        Path broken = Files.createDirectories(directory.resolve("broken"));
        Files.copy(pki.resolve("secretariat.pem"), broken.resolve("secretariat.pem"));
        Files.writeString(broken.resolve("registry.yaml"), """
                version: 1
                organisations:
                  - id: bank-a
                    name: { ja: "銀行", en: "Bank" }
                    role: participant
                    addresses:
                      - address: soc@bank-a.example
                        certificates: [ secretariat.pem ]
                  - id: bank-a
                    name: { ja: "重複", en: "Duplicate" }
                    role: participant
                    addresses:
                      - address: noc@bank-a.example
                        certificates: [ secretariat.pem ]
                  - id: water-c
                    name: { ja: "水道", en: "Water" }
                    role: overseer
                    addresses:
                      - address: soc@water-c.example
                        certificates: [ missing.pem ]
                  - id: gas-d
                    name: { ja: "ガス", en: "Gas" }
                    role: participant
                    addresses:
                      - address: soc@bank-a.example
                        certificates: [ secretariat.pem ]
                """);

        Run validate = run("registry", "validate", broken.resolve("registry.yaml").toString());

        assertThat(validate.exitCode()).isEqualTo(1);
        assertThat(validate.out())
                .contains("line 9: error: organisation id 'bank-a' is already used at line 3")
                .contains("line 17: error: unknown role 'overseer'")
                .contains("line 20: error: certificate file")
                .contains("line 21: error: address soc@bank-a.example is shared with organisation 'bank-a'")
                .contains("4 error(s); not usable");
    }

    @Test
    void expiredAndUnfitCertificatesAreErrorsAndASoonExpiringOneAWarning() throws Exception {
        Path review = Files.createDirectories(directory.resolve("review"));
        CertificateAuthority ca = CertificateAuthority.resume(KeyStores.load(pki.resolve("ca.p12"), DemoPki.PASSWORD.toCharArray(), "ca"),
                Optional.of(CrlFiles.read(pki.resolve("ca.crl")).get(0)));
        write(review, "expired.pem", ca.issue("Expired", "Gas D", List.of("soc@gas-d.example"),
                IssueOptions.of(KeyType.RSA_2048, Duration.ofDays(30)).withValidity(Validity.endedAgo(Duration.ofDays(2)))).certificate());
        write(review, "signing-only.pem", ca.issue("Signing only", "Gas D", List.of("noc@gas-d.example"),
                IssueOptions.of(KeyType.RSA_2048, Duration.ofDays(90)).with(IssueOptions.Flaw.NO_ENCRYPTION_USAGE)).certificate());
        write(review, "soon.pem", ca.issue("Soon", "Gas D", List.of("cert@gas-d.example"),
                IssueOptions.of(KeyType.EC_P256, Duration.ofDays(5))).certificate());
        Files.writeString(review.resolve("registry.yaml"), """
                version: 1
                organisations:
                  - id: gas-d
                    name: { ja: "ガス", en: "Gas D" }
                    sector: gas
                    role: participant
                    addresses:
                      - address: soc@gas-d.example
                        certificates: [ expired.pem ]
                      - address: noc@gas-d.example
                        certificates: [ signing-only.pem ]
                      - address: cert@gas-d.example
                        certificates: [ soon.pem ]
                """);

        Run validate = run("registry", "validate", review.resolve("registry.yaml").toString(), "--trust", pki("ca.pem"));

        assertThat(validate.exitCode()).isEqualTo(1);
        assertThat(validate.out())
                .containsPattern("line 9: error: CN=Expired.* expired on ")
                .containsPattern("line 11: error: wrong_key_usage: CN=Signing only.* may not receive")
                .containsPattern("line 13: warning: CN=Soon.* expires on ")
                .contains("2 error(s), 1 warning(s)");
    }

    private static void write(Path directory, String name, java.security.cert.X509Certificate certificate) throws Exception {
        Files.writeString(directory.resolve(name), Certificates.pem(certificate), StandardCharsets.US_ASCII);
    }

    private static JsonNode find(JsonNode plan, String recipient) {
        for (JsonNode notice : plan.get("notices")) {
            if (notice.get("recipient").asText().equals(recipient)) {
                return notice;
            }
        }
        throw new AssertionError("no notice for " + recipient);
    }

    private static String pki(String file) {
        return pki.resolve(file).toString();
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
