package org.c4tap.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.c4tap.cli.demo.DemoExpectations;
import org.c4tap.cli.demo.DemoNetwork;
import org.c4tap.cli.demo.DemoParties;
import org.c4tap.cli.demo.DemoParty;
import org.c4tap.cli.demo.NoticeReader;
import org.c4tap.cli.demo.SuspiciousMail;
import org.c4tap.cli.james.Installation;
import org.c4tap.cli.mail.MailClient;
import org.c4tap.cli.pki.DemoPki;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.report.Attachment;
import org.c4tap.core.report.AttachmentList;
import org.c4tap.core.report.OriginalHeaders;
import org.c4tap.core.report.Report;
import org.c4tap.core.sample.SampleParcel;
import org.c4tap.core.scope.Part;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The walking skeleton end to end, on two real Apache James 3.8.1 servers running the deployable
 * James 3.8 extension and the configuration from {@code config/}: an employee forwards a suspicious
 * mail over SMTP AUTH, the operator relays the sealed report (through a tap that keeps the wire
 * bytes), the council delivers notices, and every mailbox is read back over IMAP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class EndToEndTest {

    private static final String TRACE = "memory://var/mail/c4tap-trace/";
    private static final String NOTICE = "C4TAP notice ";
    private static final String SAMPLES = "C4TAP samples ";
    private static final String NULL = "<mailet match=\"All\" class=\"Null\"/>";
    private static final String TO_TRACE = "<mailet match=\"All\" class=\"ToRepository\"><repositoryPath>" + TRACE
            + "</repositoryPath></mailet>";
    /** The comment before each Null that ends a C4TAP processor: where each kind of mail's processing ends. */
    private static final List<String> OPERATOR_ENDS = List.of("<!-- The plaintext report ends here; only its sealed copy travels. -->",
            "<!-- The unsealed parcel ends here. -->");
    private static final List<String> COUNCIL_ENDS = List.of("<!-- The sealed report is archived; nothing of it travels on. -->",
            "<!-- The sealed samples are archived; nothing of them travels on. -->");

    private Path work;
    private SmtpTap tap;
    private DemoNetwork network;
    private SuspiciousMail.Sample sample;
    private final Map<String, List<byte[]>> mailboxes = new LinkedHashMap<>();

    @BeforeAll
    void submitAReportAndWaitForTheNotices() throws Exception {
        work = Files.createTempDirectory("c4tap-e2e-");
        SmtpTap[] created = new SmtpTap[1];
        network = DemoNetwork.start(work, Installation.locate(), traced(DemoNetwork.Options.standard().relayingThrough(councilPort -> {
            try {
                created[0] = new SmtpTap(councilPort);
                return created[0].port();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        })
                .withSamples()), System.out::println);
        tap = created[0];

        sample = SuspiciousMail.sample(DemoParties.EMPLOYEE);
        byte[] forward = SuspiciousMail.forwardAsAttachment(sample.message(), DemoParties.EMPLOYEE, "report+green@bank-a.example");
        MailClient.submit(network.operator().ports().smtp(), DemoParties.EMPLOYEE, DemoNetwork.MAILBOX_PASSWORD,
                DemoParties.EMPLOYEE, List.of("report+green@bank-a.example"), forward);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline) && !allExpectedNoticesArrived()) {
            Thread.sleep(500);
        }
        Thread.sleep(3000);
        for (String address : network.mailboxes()) {
            mailboxes.put(address, network.inbox(address));
        }
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
    void eachAllowedRecipientHasExactlyOneNoticeAndNoOneElseHasAny() throws Exception {
        for (Map.Entry<DemoParty, Set<Part>> entry : DemoExpectations.greenReport().entrySet()) {
            String address = entry.getKey().noticeAddress();
            int expected = entry.getValue().isEmpty() ? 0 : 1;
            int samples = entry.getKey() == DemoParties.ANALYST ? 1 : 0;
            assertThat(titled(mailboxes.get(address), NOTICE)).as(address).hasSize(expected);
            assertThat(titled(mailboxes.get(address), SAMPLES)).as("samples for " + address).hasSize(samples);
            assertThat(mailboxes.get(address)).as("nothing else for " + address).hasSize(expected + samples);
        }
        assertThat(mailboxes.get(DemoParties.INTAKE_ADDRESS)).as("the intake mailbox").isEmpty();
        assertThat(mailboxes.get(DemoParties.SAMPLES_ADDRESS)).as("the samples mailbox").isEmpty();
        assertThat(mailboxes.get("postmaster@council.example")).as("no failure at the council").isEmpty();
        assertThat(mailboxes.get("postmaster@bank-a.example")).as("no failure at the operator").isEmpty();
        assertThat(tap.messages()).as("one sealed report and its samples relayed").hasSize(2);
        assertThat(relayed("C4TAP report ")).isNotNull();
        assertThat(relayed("C4TAP samples ")).isNotNull();
    }

    @Test
    @Order(2)
    void theAnalystsSamplesOpenWithUnzipAndThePasswordInfectedToTheForwardedBytes() throws Exception {
        byte[] raw = titled(mailboxes.get(DemoParties.ANALYST.noticeAddress()), SAMPLES).get(0);
        SampleParcel parcel = new NoticeReader(network.pki()).readSamples(DemoParties.ANALYST, raw);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sample.attachment()));
        assertThat(parcel.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.sha256()).isEqualTo(sha256);
            assertThat(entry.filename()).isEqualTo(SuspiciousMail.ATTACHMENT_NAME);
        });
        Path folder = Files.createDirectories(work.resolve("samples"));
        Files.write(folder.resolve("samples.zip"), parcel.zip());
        Process unzip = new ProcessBuilder("unzip", "-P", "infected", "samples.zip").directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(unzip.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(unzip.exitValue()).isZero();
        assertThat(Files.readAllBytes(folder.resolve(sha256 + ".sample"))).isEqualTo(sample.attachment());
        assertThat(new String(relayed("C4TAP samples "), StandardCharsets.ISO_8859_1)).contains("application/pkcs7-mime")
                .doesNotContain(sha256).doesNotContain("infected");
    }

    @Test
    @Order(3)
    void everyNoticeDecryptsWithItsRecipientsKeyAndHoldsExactlyItsParts() throws Exception {
        NoticeReader reader = new NoticeReader(network.pki());
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sample.attachment()));
        List<String> reportIds = new ArrayList<>();
        for (Map.Entry<DemoParty, Set<Part>> entry : DemoExpectations.greenReport().entrySet()) {
            if (entry.getValue().isEmpty()) {
                continue;
            }
            byte[] raw = titled(mailboxes.get(entry.getKey().noticeAddress()), NOTICE).get(0);
            NoticeReader.Read read = reader.read(entry.getKey(), raw);
            Report report = read.report();
            reportIds.add(report.id().value());
            assertThat(report.parts().keySet()).as(entry.getKey().name()).isEqualTo(entry.getValue());
            Attachment attachment = report.part(AttachmentList.class).orElseThrow().attachments().get(0);
            assertThat(attachment.fingerprint().sha256()).isEqualTo(sha256);
            assertThat(attachment.fingerprint().size()).isEqualTo(sample.attachment().length);
            assertThat(attachment.filename()).isEqualTo(SuspiciousMail.ATTACHMENT_NAME);
            if (entry.getValue().contains(Part.HEADERS)) {
                assertThat(report.part(OriginalHeaders.class).orElseThrow().subject()).isEqualTo(SuspiciousMail.SUBJECT);
            }
            MimeMessage outer = read.outer();
            assertThat(outer.getSubject()).isEqualTo("C4TAP notice " + report.id().value());
            assertThat(outer.getHeader("To")).containsExactly(entry.getKey().noticeAddress());
        }
        assertThat(reportIds).hasSize(6).containsOnly(reportIds.get(0));
    }

    @Test
    @Order(4)
    void noAttachmentBytesAndNoPlaintextReportInAnyCouncilMailboxOrInTheOperatorsOutgoingMail() {
        List<String> forbidden = forbiddenFragments();
        for (Map.Entry<String, List<byte[]>> mailbox : mailboxes.entrySet()) {
            if (!network.serverOf(mailbox.getKey()).equals(network.council())) {
                continue;
            }
            for (byte[] message : mailbox.getValue()) {
                String text = new String(message, StandardCharsets.ISO_8859_1);
                for (String fragment : forbidden) {
                    assertThat(text).as("council mailbox " + mailbox.getKey()).doesNotContain(fragment);
                }
            }
        }
        String outgoing = new String(tap.everything(), StandardCharsets.ISO_8859_1);
        assertThat(outgoing).contains("application/pkcs7-mime");
        for (String fragment : forbidden) {
            assertThat(outgoing).as("the operator's outgoing mail").doesNotContain(fragment);
        }
        assertThat(outgoing).as("the reporter never appears in the relay").doesNotContain(DemoParties.EMPLOYEE);
    }

    @Test
    @Order(5)
    void openSslDecryptsAndVerifiesTheRelayedReport() throws Exception {
        Path folder = Files.createDirectories(work.resolve("openssl"));
        Files.write(folder.resolve("relayed.eml"), relayed("C4TAP report "));
        DemoPki pki = network.pki();
        OpenSsl.Result key = OpenSsl.run(folder, "pkcs12", "-in", pki.keystore(DemoParties.COUNCIL).toString(), "-nocerts",
                "-nodes", "-passin", "file:" + pki.passwordFile(), "-out", "council-key.pem");
        assertThat(key.status()).as(key.output()).isZero();
        OpenSsl.Result decrypted = OpenSsl.run(folder, "cms", "-decrypt", "-in", "relayed.eml", "-recip",
                pki.certificate(DemoParties.COUNCIL).toString(), "-inkey", "council-key.pem", "-out", "signed.eml");
        assertThat(decrypted.status()).as(decrypted.output()).isZero();
        OpenSsl.Result verified = OpenSsl.run(folder, "cms", "-verify", "-in", "signed.eml", "-CAfile",
                pki.caCertificate().toString(), "-out", "content.eml");
        assertThat(verified.status()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("Verification successful");

        MimeMessage content = new MimeMessage(MimeParts.session(),
                new ByteArrayInputStream(Files.readAllBytes(folder.resolve("content.eml"))));
        String json = new String(Files.readAllBytes(folder.resolve("content.eml")), StandardCharsets.US_ASCII);
        assertThat(MimeParts.baseType(content)).isEqualTo("multipart/mixed");
        assertThat(json).contains("c4tap-report.json");
        OpenSsl.Result signer = OpenSsl.run(folder, "cms", "-verify", "-in", "signed.eml", "-CAfile",
                pki.caCertificate().toString(), "-signer", "signer.pem", "-out", "/dev/null");
        assertThat(signer.status()).isZero();
        OpenSsl.Result subject = OpenSsl.run(folder, "x509", "-in", "signer.pem", "-noout", "-ext", "subjectAltName");
        assertThat(subject.output()).contains("c4tap-gateway@bank-a.example");
    }

    @Test
    @Order(6)
    void theEmployeeIsAcknowledgedWithTheReportId() throws Exception {
        List<byte[]> inbox = mailboxes.get(DemoParties.EMPLOYEE);
        assertThat(inbox).hasSize(1);
        MimeMessage acknowledgement = new MimeMessage(MimeParts.session(), new ByteArrayInputStream(inbox.get(0)));
        byte[] notice = titled(mailboxes.get(DemoParties.SECRETARIAT.noticeAddress()), NOTICE).get(0);
        Report report = new NoticeReader(network.pki()).read(DemoParties.SECRETARIAT, notice).report();
        assertThat(acknowledgement.getSubject()).contains(report.id().value());
        String text = new String(acknowledgement.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(text).contains("indicators: GREEN").contains("reporter: RED")
                .contains(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sample.attachment())));
    }

    @Test
    @Order(7)
    void noContentAndNoKeyMaterialInAnyLogLineOrMailAttribute() throws Exception {
        List<String> forbidden = new ArrayList<>(forbiddenFragments());
        forbidden.add(SuspiciousMail.SUBJECT);
        forbidden.add("11月分のご請求書をお送りします");
        forbidden.addAll(LeakCheck.keyMaterial(network.pki()));

        LeakCheck.assertLogsClean(network, forbidden);
        List<String> operatorAttributes = LeakCheck.assertAttributesClean(network.operator(), TRACE, forbidden);
        List<String> councilAttributes = LeakCheck.assertAttributesClean(network.council(), TRACE, forbidden);
        assertThat(operatorAttributes).contains("c4tap.report.id");
        assertThat(councilAttributes).contains("c4tap.report.id", "c4tap.provider", "c4tap.notices");
    }

    /** Pieces that would show the attachment or the plaintext report if they leaked. */
    private List<String> forbiddenFragments() {
        List<String> fragments = new ArrayList<>();
        byte[] bytes = sample.attachment();
        fragments.add(new String(bytes, 200, 48, StandardCharsets.ISO_8859_1));
        for (int offset = 0; offset < 3; offset++) {
            String base64 = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(bytes, 3000 + offset, 3000 + offset + 300));
            fragments.add(base64.substring(8, 72));
        }
        fragments.add("\"report_id\"");
        fragments.add(SuspiciousMail.URL);
        fragments.add("invoice-check.example.net");
        fragments.add(SuspiciousMail.SENDER);
        return fragments;
    }

    /** Keeps each mail where its processing ends, to read every attribute it was given. */
    private static DemoNetwork.Options traced(DemoNetwork.Options options) {
        DemoNetwork.Options traced = options;
        String indent = "\n            ";
        for (String end : OPERATOR_ENDS) {
            traced = traced.withOperatorEdit("mailetcontainer.xml", end + indent + NULL, end + indent + TO_TRACE);
        }
        for (String end : COUNCIL_ENDS) {
            traced = traced.withCouncilEdit("mailetcontainer.xml", end + indent + NULL, end + indent + TO_TRACE);
        }
        return traced;
    }

    /** The mails whose neutral outer subject starts with {@code prefix}. */
    private static List<byte[]> titled(List<byte[]> mails, String prefix) throws Exception {
        List<byte[]> matching = new ArrayList<>();
        for (byte[] raw : mails) {
            String subject = new MimeMessage(MimeParts.session(), new ByteArrayInputStream(raw)).getSubject();
            if (subject != null && subject.startsWith(prefix)) {
                matching.add(raw);
            }
        }
        return matching;
    }

    /** The one message the operator relayed under a subject starting with {@code prefix}. */
    private byte[] relayed(String prefix) throws Exception {
        List<byte[]> matching = titled(tap.messages(), prefix);
        assertThat(matching).as("relayed: " + prefix).hasSize(1);
        return matching.get(0);
    }

    private boolean allExpectedNoticesArrived() throws Exception {
        for (Map.Entry<DemoParty, Set<Part>> entry : DemoExpectations.greenReport().entrySet()) {
            if (!entry.getValue().isEmpty() && titled(network.inbox(entry.getKey().noticeAddress()), NOTICE).isEmpty()) {
                return false;
            }
        }
        return !network.inbox(DemoParties.EMPLOYEE).isEmpty()
                && !titled(network.inbox(DemoParties.ANALYST.noticeAddress()), SAMPLES).isEmpty();
    }
}
