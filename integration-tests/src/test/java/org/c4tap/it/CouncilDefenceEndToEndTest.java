package org.c4tap.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.c4tap.cli.demo.DemoExpectations;
import org.c4tap.cli.demo.DemoNetwork;
import org.c4tap.cli.demo.DemoParties;
import org.c4tap.cli.demo.DemoParty;
import org.c4tap.cli.demo.SuspiciousMail;
import org.c4tap.cli.james.Installation;
import org.c4tap.cli.james.JamesServer;
import org.c4tap.cli.mail.MailClient;
import org.c4tap.cli.pki.DemoPki;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.pki.CertificateAuthority;
import org.c4tap.core.pki.IssueOptions;
import org.c4tap.core.pki.KeyType;
import org.c4tap.core.relay.Relay;
import org.c4tap.core.smime.Certificates;
import org.c4tap.core.smime.Credential;
import org.c4tap.core.smime.KeyStores;
import org.c4tap.core.smime.Sealer;
import org.c4tap.core.smime.SealingProfile;
import org.c4tap.core.testing.SampleReports;
import org.c4tap.core.trust.CrlFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Attacks on the report address and on the council, on the real servers: each is refused or
 * quarantined with its reason, the administrators hear of it, and no notice goes out. Forged,
 * altered and replayed reports are made from the genuine relayed bytes with OpenSSL (an
 * independent S/MIME implementation); keys are issued by the demo CA, so the chain is valid and
 * only the registry or the CRL can stop them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 8, unit = java.util.concurrent.TimeUnit.MINUTES)
class CouncilDefenceEndToEndTest {

    private static final String QUARANTINE = "file://var/mail/c4tap-quarantine/";
    private static final String DUPLICATES = "file://var/mail/c4tap-duplicates/";
    private static final String REFUSED = "file://var/mail/c4tap-refused/";
    private static final int NOTICES_PER_GREEN_REPORT = (int) DemoExpectations.greenReport().values().stream()
            .filter(parts -> !parts.isEmpty()).count();

    private Path work;
    private Path openssl;
    private SmtpTap tap;
    private DemoNetwork network;
    private DemoPki pki;
    private byte[] genuine;
    private final Set<String> seenQuarantined = new HashSet<>();
    private int expectedNotices;

    @BeforeAll
    void aGenuineReportGoesThrough() throws Exception {
        work = Files.createTempDirectory("c4tap-defence-");
        openssl = Files.createDirectories(work.resolve("openssl"));
        SmtpTap[] created = new SmtpTap[1];
        network = DemoNetwork.start(work, Installation.locate(), DemoNetwork.Options.standard().relayingThrough(councilPort -> {
            try {
                created[0] = new SmtpTap(councilPort);
                return created[0].port();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }), System.out::println);
        tap = created[0];
        pki = network.pki();
        OpenSsl.Result key = OpenSsl.run(openssl, "pkcs12", "-in", pki.keystore(DemoParties.COUNCIL).toString(), "-nocerts",
                "-nodes", "-passin", "file:" + pki.passwordFile(), "-out", "council-key.pem");
        assertThat(key.status()).as(key.output()).isZero();

        SuspiciousMail.Sample sample = SuspiciousMail.sample(DemoParties.EMPLOYEE);
        MailClient.submit(network.operator().ports().smtp(), DemoParties.EMPLOYEE, DemoNetwork.MAILBOX_PASSWORD, DemoParties.EMPLOYEE,
                List.of("report+green@bank-a.example"),
                SuspiciousMail.forwardAsAttachment(sample.message(), DemoParties.EMPLOYEE, "report+green@bank-a.example"));
        expectedNotices = NOTICES_PER_GREEN_REPORT;
        awaitNotices(expectedNotices);
        assertThat(tap.messages()).hasSize(1);
        genuine = tap.messages().get(0);
    }

    @AfterAll
    void stop() throws Exception {
        if (network != null) {
            network.close();
        }
        if (tap != null) {
            tap.close();
        }
    }

    @Test
    @Order(1)
    void aReplayedReportIsSetAsideAsADuplicate() throws Exception {
        toCouncil(genuine);

        Await.until("the replay in " + DUPLICATES, Duration.ofSeconds(60),
                () -> network.council().webAdmin().repositoryKeys(DUPLICATES).size() == 1);
        assertNoNewNotices();
    }

    @Test
    @Order(2)
    void aBitFlippedCiphertextIsQuarantinedAsTampered() throws Exception {
        String text = new String(genuine, StandardCharsets.ISO_8859_1);
        int body = text.indexOf("\r\n\r\n") + 4;
        int target = body + (text.length() - body) / 2;
        while (!Character.isLetter(text.charAt(target))) {
            target++;
        }
        byte[] flipped = genuine.clone();
        flipped[target] = (byte) (flipped[target] == 'A' ? 'B' : 'A');

        toCouncil(flipped);

        assertQuarantined("tampered");
    }

    @Test
    @Order(3)
    void aReportWhoseSignedContentWasAlteredIsQuarantinedAsABadSignature() throws Exception {
        byte[] signed = decryptWithOpenSsl(genuine);
        String entity = new String(signed, StandardCharsets.ISO_8859_1);
        int content = entity.indexOf("C4TAP");
        assertThat(content).as("the report text inside the signature").isPositive();
        String altered = entity.substring(0, content) + "X4TAP" + entity.substring(content + 5);

        toCouncil(encryptWithOpenSsl(altered.getBytes(StandardCharsets.ISO_8859_1), "altered"));

        assertQuarantined("bad_signature");
    }

    @Test
    @Order(4)
    void anEncryptedButUnsignedReportIsQuarantined() throws Exception {
        byte[] signed = decryptWithOpenSsl(genuine);
        Files.write(openssl.resolve("signed-for-verify.eml"), signed);
        OpenSsl.Result verified = OpenSsl.run(openssl, "cms", "-verify", "-in", "signed-for-verify.eml", "-CAfile",
                pki.caCertificate().toString(), "-out", "content-only.eml");
        assertThat(verified.status()).as(verified.output()).isZero();

        toCouncil(encryptWithOpenSsl(Files.readAllBytes(openssl.resolve("content-only.eml")), "unsigned"));

        assertQuarantined("not_signed");
    }

    @Test
    @Order(5)
    void aReportSignedByAValidButUnregisteredKeyIsQuarantined() throws Exception {
        Credential intruder = issue("Intruder gateway").credential();

        toCouncil(seal(intruder, SealingProfile.GATEWAY));

        assertQuarantined("unknown_signer");
    }

    @Test
    @Order(6)
    void aReportEncryptedLessStronglyThanTheCouncilRequiresIsQuarantined() throws Exception {
        Credential operator = KeyStores.load(pki.keystore(DemoParties.OPERATOR), DemoPki.PASSWORD.toCharArray(), null);

        toCouncil(seal(operator, SealingProfile.STANDARD));

        assertQuarantined("weaker_than_allowed");
    }

    @Test
    @Order(7)
    void aRegisteredKeyWorksUntilItIsRevokedAndThenItsReportsAreQuarantined() throws Exception {
        CertificateAuthority.Issued spare = issue("Mirai Bank spare gateway");
        Path conf = network.council().workingDirectory().resolve("conf/c4tap");
        Files.writeString(conf.resolve("operator-spare.pem"), Certificates.pem(spare.certificate()));
        Path registry = conf.resolve(DemoPki.REGISTRY_FILE);
        String yaml = Files.readString(registry);
        assertThat(yaml).contains("gateway_certificates: [ operator.pem ]");
        Files.writeString(registry, yaml.replace("gateway_certificates: [ operator.pem ]",
                "gateway_certificates: [ operator.pem, operator-spare.pem ]"));

        toCouncil(seal(spare.credential(), SealingProfile.GATEWAY));
        expectedNotices += NOTICES_PER_GREEN_REPORT;
        awaitNotices(expectedNotices);

        pki.revoke(spare.certificate(), DemoPki.PASSWORD.toCharArray(), Instant.now().minusSeconds(1));
        Files.copy(pki.crl(), conf.resolve(DemoPki.CRL_FILE + ".new"));
        Files.move(conf.resolve(DemoPki.CRL_FILE + ".new"), conf.resolve(DemoPki.CRL_FILE), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);

        toCouncil(seal(spare.credential(), SealingProfile.GATEWAY));

        assertQuarantined("revoked");
    }

    @Test
    @Order(8)
    void plainMailToTheIntakeAddressIsQuarantinedAsNotSealed() throws Exception {
        toCouncil(("From: someone@evil.example\r\nTo: " + DemoParties.INTAKE_ADDRESS + "\r\nSubject: C4TAP report\r\n"
                + "Message-ID: <plain@evil.example>\r\n\r\n{\"report_id\": \"C4TAP-20261126-ABCDEFGHJK\"}\r\n").getBytes(StandardCharsets.US_ASCII));

        assertQuarantined("not_sealed");
    }

    @Test
    @Order(9)
    void anExternalSenderToTheReportAddressIsRefusedAndNothingIsRelayed() throws Exception {
        submitUnauthenticated("outsider@evil.example");

        Await.until("the refused mail in " + REFUSED, Duration.ofSeconds(60),
                () -> network.operator().webAdmin().repositoryKeys(REFUSED).size() == 1);
        String details = details(network.operator(), REFUSED, network.operator().webAdmin().repositoryKeys(REFUSED).get(0));
        assertThat(details).contains("not_authenticated");
        assertThat(tap.messages()).as("nothing relayed to the council: " + relayedHeads()).hasSize(1);
    }

    @Test
    @Order(10)
    void aLocalUserWhoIsNotLoggedInIsRefusedWithAnExplanation() throws Exception {
        int before = network.inboxCount(DemoParties.EMPLOYEE);

        submitUnauthenticated(DemoParties.EMPLOYEE);

        Await.until("the refused mail in " + REFUSED, Duration.ofSeconds(60),
                () -> network.operator().webAdmin().repositoryKeys(REFUSED).size() == 2);
        Await.until("an explanation to the employee", Duration.ofSeconds(60),
                () -> network.inboxCount(DemoParties.EMPLOYEE) == before + 1);
        MimeMessage explanation = new MimeMessage(MimeParts.session(),
                new ByteArrayInputStream(network.inbox(DemoParties.EMPLOYEE).get(before)));
        String text = new String(explanation.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(text).contains(DemoParties.REPORT_ADDRESS).doesNotContain(SuspiciousMail.URL);
        assertThat(tap.messages()).as("nothing relayed to the council: " + relayedHeads()).hasSize(1);
        assertNoNewNotices();
    }

    @Test
    @Order(11)
    void everyRefusalWasToldToTheSecretariatAndThePostmasterWithoutContent() throws Exception {
        List<String> secretariat = subjects(DemoParties.SECRETARIAT.noticeAddress(), "C4TAP gateway: mail stopped");
        List<String> postmaster = subjects("postmaster@council.example", "C4TAP gateway: mail stopped");
        assertThat(secretariat).hasSameSizeAs(seenQuarantined).hasSize(7);
        assertThat(postmaster).hasSize(7);
        assertThat(String.join("\n", secretariat)).contains("tampered", "bad_signature", "not_signed", "unknown_signer",
                "weaker_than_allowed", "revoked", "not_sealed");
        for (byte[] raw : network.inbox(DemoParties.SECRETARIAT.noticeAddress())) {
            MimeMessage message = new MimeMessage(MimeParts.session(), new ByteArrayInputStream(raw));
            if (message.getSubject().startsWith("C4TAP gateway: mail stopped")) {
                String text = new String(message.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(text).contains("file://var/mail/c4tap-quarantine/").doesNotContain(SuspiciousMail.URL)
                        .doesNotContain(SuspiciousMail.SENDER).doesNotContain("件名").doesNotContain("evil.example/x");
            }
        }
        assertNoNewNotices();
    }

    @Test
    @Order(12)
    void theLogsHoldNoContentAndNoKeyMaterial() throws Exception {
        List<String> forbidden = new ArrayList<>(LeakCheck.keyMaterial(pki));
        forbidden.addAll(List.of(SuspiciousMail.SUBJECT, SuspiciousMail.URL, SuspiciousMail.SENDER, "11月分のご請求書をお送りします",
                "evil.example/x", "本文"));
        LeakCheck.assertLogsClean(network, forbidden);
    }

    private void submitUnauthenticated(String sender) throws Exception {
        SuspiciousMail.Sample sample = SuspiciousMail.sample(DemoParties.EMPLOYEE);
        MailClient.submit(network.operator().ports().smtp(), null, null, sender, List.of(DemoParties.REPORT_ADDRESS),
                SuspiciousMail.forwardAsAttachment(sample.message(), sender, DemoParties.REPORT_ADDRESS));
    }

    private List<String> relayedHeads() {
        return tap.messages().stream().map(message -> {
            String text = new String(message, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            return text.substring(0, Math.min(end < 0 ? text.length() : end, 600));
        }).toList();
    }

    private CertificateAuthority.Issued issue(String name) throws Exception {
        Credential caKey = KeyStores.load(pki.caKeystore(), DemoPki.PASSWORD.toCharArray(), DemoPki.CA_ALIAS);
        X509CRL last = CrlFiles.read(pki.crl()).get(0);
        CertificateAuthority ca = CertificateAuthority.resume(caKey, Optional.of(last));
        return ca.issue(name, "Mirai Bank", List.of(DemoParties.GATEWAY_ADDRESS), IssueOptions.of(KeyType.RSA_2048, Duration.ofDays(30)));
    }

    private byte[] seal(Credential signer, SealingProfile profile) throws Exception {
        var council = Certificates.read(pki.certificate(DemoParties.COUNCIL)).get(0);
        MimeMessage sealed = new Relay(new Sealer(signer, profile), DemoParties.GATEWAY_ADDRESS, DemoParties.INTAKE_ADDRESS, council,
                List.of()).seal(SampleReports.greenWithNewId());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        sealed.writeTo(bytes);
        return bytes.toByteArray();
    }

    private byte[] decryptWithOpenSsl(byte[] sealed) throws Exception {
        Files.write(openssl.resolve("sealed.eml"), sealed);
        OpenSsl.Result decrypted = OpenSsl.run(openssl, "cms", "-decrypt", "-binary", "-in", "sealed.eml", "-recip",
                pki.certificate(DemoParties.COUNCIL).toString(), "-inkey", "council-key.pem", "-out", "signed.eml");
        assertThat(decrypted.status()).as(decrypted.output()).isZero();
        return Files.readAllBytes(openssl.resolve("signed.eml"));
    }

    private byte[] encryptWithOpenSsl(byte[] entity, String name) throws Exception {
        Files.write(openssl.resolve(name + ".in"), entity);
        OpenSsl.Result encrypted = OpenSsl.run(openssl, "cms", "-encrypt", "-binary", "-aes-256-gcm", "-in", name + ".in",
                "-from", DemoParties.GATEWAY_ADDRESS, "-to", DemoParties.INTAKE_ADDRESS, "-subject", "C4TAP report",
                "-out", name + ".eml", pki.certificate(DemoParties.COUNCIL).toString());
        assertThat(encrypted.status()).as(encrypted.output()).isZero();
        return Files.readAllBytes(openssl.resolve(name + ".eml"));
    }

    private void toCouncil(byte[] message) throws Exception {
        MailClient.submit(network.council().ports().smtp(), null, null, DemoParties.GATEWAY_ADDRESS, List.of(DemoParties.INTAKE_ADDRESS),
                message);
    }

    /** Waits for one more mail in the council's quarantine and checks its reason; no notice went out. */
    private void assertQuarantined(String reason) throws Exception {
        int expected = seenQuarantined.size() + 1;
        Await.until("a mail quarantined for " + reason, Duration.ofSeconds(60),
                () -> network.council().webAdmin().repositoryKeys(QUARANTINE).size() >= expected);
        List<String> fresh = new ArrayList<>(network.council().webAdmin().repositoryKeys(QUARANTINE));
        fresh.removeAll(seenQuarantined);
        assertThat(fresh).hasSize(1);
        seenQuarantined.addAll(fresh);
        String details = details(network.council(), QUARANTINE, fresh.get(0));
        assertThat(details).contains("c4tap.failure.reason").contains(reason);
        assertNoNewNotices();
    }

    private static String details(JamesServer server, String repository, String key) throws Exception {
        return server.webAdmin().repositoryMailDetails(repository, key);
    }

    private void assertNoNewNotices() throws Exception {
        Thread.sleep(1500);
        assertThat(noticeCount()).as("C4TAP notices in every mailbox").isEqualTo(expectedNotices);
    }

    private void awaitNotices(int count) throws Exception {
        Await.until(count + " notices", Duration.ofSeconds(90), () -> noticeCount() >= count);
        Thread.sleep(1000);
        assertThat(noticeCount()).isEqualTo(count);
    }

    private int noticeCount() throws Exception {
        int count = 0;
        for (DemoParty party : DemoParties.ORGANISATIONS) {
            count += subjects(party.noticeAddress(), "C4TAP notice").size();
        }
        return count;
    }

    private List<String> subjects(String address, String prefix) throws Exception {
        List<String> subjects = new ArrayList<>();
        for (byte[] raw : network.inbox(address)) {
            MimeMessage message = new MimeMessage(MimeParts.session(), new ByteArrayInputStream(raw));
            String subject = message.getSubject();
            if (subject != null && subject.startsWith(prefix)) {
                subjects.add(subject);
            }
        }
        return subjects;
    }
}
