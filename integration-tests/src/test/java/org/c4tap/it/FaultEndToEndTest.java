package org.c4tap.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.c4tap.cli.demo.DemoNetwork;
import org.c4tap.cli.demo.DemoParties;
import org.c4tap.cli.demo.DemoParty;
import org.c4tap.cli.demo.NoticeReader;
import org.c4tap.cli.demo.SuspiciousMail;
import org.c4tap.cli.james.Installation;
import org.c4tap.cli.james.JamesServer;
import org.c4tap.cli.mail.MailClient;
import org.c4tap.cli.pki.DemoPki;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.smime.Certificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Faults on the real servers: the council unreachable while reports pile up, the council
 * restarted, and certificates revoked while the gateways run. Nothing accepted is lost, nothing is
 * delivered twice, nothing is sent in the clear or to a certificate that no longer validates, and
 * every stop is told to an administrator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class FaultEndToEndTest {

    private static final int BATCH = 50;
    private static final String OUTGOING_QUEUE = "c4tap-outgoing";
    private static final Pattern REPORT_ID = Pattern.compile("C4TAP-\\d{8}-[0-9A-Z]{10}");

    private SmtpTap tap;
    private DemoNetwork network;
    private NoticeReader reader;

    @BeforeAll
    void start() throws Exception {
        Path work = Files.createTempDirectory("c4tap-faults-");
        SmtpTap[] created = new SmtpTap[1];
        network = DemoNetwork.start(work, Installation.locate(), DemoNetwork.Options.standard().relayingThrough(councilPort -> {
            try {
                created[0] = new SmtpTap(councilPort);
                return created[0].port();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).withOperatorEdit("mailetcontainer.xml", "<delayTime>10000, 60000, 300000, 900000, 3600000</delayTime>",
                "<delayTime>2000</delayTime>")
                .withOperatorEdit("mailetcontainer.xml", "<maxRetries>20</maxRetries>", "<maxRetries>200</maxRetries>"), System.out::println);
        tap = created[0];
        reader = new NoticeReader(network.pki());
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
    void fiftyReportsSubmittedWhileTheCouncilIsUnreachableAreAllDeliveredOnceWhenItReturns() throws Exception {
        tap.refuse();
        for (int i = 0; i < BATCH; i++) {
            submit("report@bank-a.example");
        }
        Await.until(BATCH + " sealed reports waiting in " + OUTGOING_QUEUE, Duration.ofSeconds(120),
                () -> network.operator().webAdmin().queueSize(OUTGOING_QUEUE) == BATCH);
        Thread.sleep(5000);
        // an attempt in flight takes its mail out of the queue for a moment
        Await.until("all " + BATCH + " still waiting after several retries", Duration.ofSeconds(20),
                () -> network.operator().webAdmin().queueSize(OUTGOING_QUEUE) == BATCH);
        assertThat(secretariatReportIds()).isEmpty();

        tap.restore();

        Await.until(BATCH + " notices at the secretariat", Duration.ofSeconds(180), () -> secretariatNotices().size() >= BATCH);
        Thread.sleep(3000);
        List<String> delivered = secretariatReportIds();
        assertThat(delivered).hasSize(BATCH).doesNotHaveDuplicates();
        assertThat(new HashSet<>(delivered)).isEqualTo(acknowledgedReportIds());
        assertThat(network.operator().webAdmin().queueSize(OUTGOING_QUEUE)).isZero();
        assertThat(network.council().webAdmin().repositoryKeys("file://var/mail/c4tap-duplicates/")).isEmpty();
        assertThat(network.inbox("postmaster@bank-a.example")).as("no failure at the operator").isEmpty();

        // the archive keeps each report's sealed content as it came over the wire (James's file
        // repository re-encodes a kept base64 body and lost the last bytes of any content not a
        // multiple of three bytes long; the Sealer makes every one such a multiple)
        Set<String> relayed = new HashSet<>();
        tap.messages().forEach(message -> relayed.add(content(message)));
        List<String> archived = network.council().webAdmin().repositoryKeys("file://var/mail/c4tap-reports/");
        assertThat(archived).hasSize(BATCH);
        for (String key : archived) {
            assertThat(relayed).as("archived %s", key)
                    .contains(content(network.council().webAdmin().repositoryMail("file://var/mail/c4tap-reports/", key)));
        }
    }

    @Test
    @Order(2)
    void reportsWaitingWhileTheCouncilRestartsAreDeliveredAfterIt() throws Exception {
        Set<String> before = acknowledgedReportIds();
        // unreachable until it is fully back: the memory server forgets its users, so a council
        // that answered before they are created again would refuse the intake address (550)
        tap.refuse();
        network.council().close();
        for (int i = 0; i < 5; i++) {
            submit("report@bank-a.example");
        }
        Await.until("5 sealed reports waiting", Duration.ofSeconds(60),
                () -> network.operator().webAdmin().queueSize(OUTGOING_QUEUE) == 5);

        JamesServer council = network.restart(network.council());
        System.out.println("[faults]   council restarted in " + council.startTime().toMillis() + " ms");
        tap.restore();

        Await.until("5 notices at the restarted council's secretariat", Duration.ofSeconds(120),
                () -> secretariatNotices().size() >= 5);
        Thread.sleep(3000);
        Set<String> after = acknowledgedReportIds();
        after.removeAll(before);
        assertThat(after).hasSize(5);
        assertThat(new HashSet<>(secretariatReportIds())).isEqualTo(after);

        // The archive is the council's record of what it distributed, kept on disk (file://), so a
        // report distributed before the restart and relayed again after it is still set aside.
        int notices = secretariatNotices().size();
        MailClient.submit(council.ports().smtp(), null, null, DemoParties.GATEWAY_ADDRESS, List.of(DemoParties.INTAKE_ADDRESS),
                tap.messages().get(0));
        Await.until("the report from before the restart in c4tap-duplicates", Duration.ofSeconds(60),
                () -> council.webAdmin().repositoryKeys("file://var/mail/c4tap-duplicates/").size() == 1);
        Thread.sleep(2000);
        assertThat(secretariatNotices()).as("no second notice").hasSize(notices);
    }

    @Test
    @Order(3)
    void aRevokedRecipientCertificateGetsNothingWhileTheOthersAreServedAndTheReportIsKept() throws Exception {
        revokeAndPublish(DemoParties.PARTICIPANT, network.council());
        int secretariatBefore = secretariatNotices().size();
        int participantBefore = network.inbox(DemoParties.PARTICIPANT.noticeAddress()).size();

        submit("report+green@bank-a.example");

        Await.until("the report in the council's c4tap-error", Duration.ofSeconds(90),
                () -> network.council().webAdmin().repositoryKeys("file://var/mail/c4tap-error/").size() == 1);
        String key = network.council().webAdmin().repositoryKeys("file://var/mail/c4tap-error/").get(0);
        String details = network.council().webAdmin().repositoryMailDetails("file://var/mail/c4tap-error/", key);
        assertThat(details).contains("recipient_not_reached").contains("power-b").contains("revoked");
        assertThat(secretariatNotices()).hasSize(secretariatBefore + 1);
        assertThat(network.inbox(DemoParties.OBSERVER.noticeAddress())).isNotEmpty();
        assertThat(network.inbox(DemoParties.PARTICIPANT.noticeAddress())).as("nothing for a revoked certificate")
                .hasSize(participantBefore);
        Await.until("the secretariat and the postmaster told", Duration.ofSeconds(30),
                () -> stopNotices(DemoParties.SECRETARIAT.noticeAddress()) == 1 && stopNotices("postmaster@council.example") == 1);

        // The secretariat sends the kept report through again (James's WebAdmin reprocessing): it
        // is no duplicate, since its distribution never finished, and it reaches only whom it had
        // not reached, here no one, as the certificate is still revoked.
        int observerBefore = network.inbox(DemoParties.OBSERVER.noticeAddress()).size();
        int duplicatesBefore = network.council().webAdmin().repositoryKeys("file://var/mail/c4tap-duplicates/").size();
        int quarantinedBefore = network.council().webAdmin().repositoryKeys("file://var/mail/c4tap-quarantine/").size();
        byte[] kept = network.council().webAdmin().repositoryMail("file://var/mail/c4tap-error/", key);
        network.council().webAdmin().reprocess("file://var/mail/c4tap-error/", key, "c4tap-intake");
        Await.until("the resent report stopped again, and told", Duration.ofSeconds(60),
                () -> stopNotices(DemoParties.SECRETARIAT.noticeAddress()) == 2);
        // kept again beside the mail it was resent from, under a new key, whole
        Await.until("the resent report back in c4tap-error, under a new key", Duration.ofSeconds(30),
                () -> new HashSet<>(network.council().webAdmin().repositoryKeys("file://var/mail/c4tap-error/"))
                        .equals(Set.of(key, key + "-kept2")));
        assertThat(network.council().webAdmin().repositoryMailDetails("file://var/mail/c4tap-error/", key + "-kept2"))
                .contains("recipient_not_reached").contains("power-b");
        assertThat(network.council().webAdmin().repositoryMail("file://var/mail/c4tap-error/", key + "-kept2")).isEqualTo(kept);
        assertThat(content(kept)).as("kept as relayed").isEqualTo(content(tap.messages().get(tap.messages().size() - 1)));
        assertThat(network.council().webAdmin().repositoryKeys("file://var/mail/c4tap-quarantine/")).hasSize(quarantinedBefore);
        network.council().webAdmin().deleteRepositoryMail("file://var/mail/c4tap-error/", key);
        assertThat(network.council().webAdmin().repositoryKeys("file://var/mail/c4tap-error/")).containsExactly(key + "-kept2");
        assertThat(network.council().webAdmin().repositoryKeys("file://var/mail/c4tap-duplicates/")).hasSize(duplicatesBefore);
        assertThat(secretariatNotices()).as("no second notice to whom it reached").hasSize(secretariatBefore + 1);
        assertThat(network.inbox(DemoParties.OBSERVER.noticeAddress())).hasSize(observerBefore);
        assertThat(Files.readString(network.council().workingDirectory().resolve("var/c4tap/audit.jsonl")))
                .contains("\"event\":\"distribution_resent\"");
    }

    @Test
    @Order(4)
    void aRevokedCouncilCertificateStopsTheReportAtTheOperatorAndNothingLeaves() throws Exception {
        revokeAndPublish(DemoParties.COUNCIL, network.operator());
        int relayed = tap.messages().size();
        int secretariatBefore = secretariatNotices().size();

        submit("report@bank-a.example");

        Await.until("the report in the operator's c4tap-error", Duration.ofSeconds(90),
                () -> network.operator().webAdmin().repositoryKeys("file://var/mail/c4tap-error/").size() == 1);
        String key = network.operator().webAdmin().repositoryKeys("file://var/mail/c4tap-error/").get(0);
        assertThat(network.operator().webAdmin().repositoryMailDetails("file://var/mail/c4tap-error/", key)).contains("revoked");
        Await.until("the operator's postmaster told", Duration.ofSeconds(30), () -> stopNotices("postmaster@bank-a.example") == 1);
        Thread.sleep(3000);
        assertThat(tap.messages()).as("nothing relayed").hasSize(relayed);
        assertThat(network.operator().webAdmin().queueSize(OUTGOING_QUEUE)).isZero();
        assertThat(secretariatNotices()).hasSize(secretariatBefore);
    }

    private void submit(String reportAddress) throws Exception {
        SuspiciousMail.Sample sample = SuspiciousMail.sample(DemoParties.EMPLOYEE);
        MailClient.submit(network.operator().ports().smtp(), DemoParties.EMPLOYEE, DemoNetwork.MAILBOX_PASSWORD, DemoParties.EMPLOYEE,
                List.of(reportAddress), SuspiciousMail.forwardAsAttachment(sample.message(), DemoParties.EMPLOYEE, reportAddress));
    }

    /** Revokes {@code party}'s certificate with the demo CA and publishes the new CRL to {@code gateway}, as its administrator would. */
    private void revokeAndPublish(DemoParty party, JamesServer gateway) throws Exception {
        DemoPki pki = network.pki();
        pki.revoke(Certificates.read(pki.certificate(party)).get(0), DemoPki.PASSWORD.toCharArray(), Instant.now().minusSeconds(1));
        Path conf = gateway.workingDirectory().resolve("conf/c4tap");
        Files.copy(pki.crl(), conf.resolve(DemoPki.CRL_FILE + ".new"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(conf.resolve(DemoPki.CRL_FILE + ".new"), conf.resolve(DemoPki.CRL_FILE), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private List<byte[]> secretariatNotices() throws Exception {
        List<byte[]> notices = new ArrayList<>();
        for (byte[] raw : network.inbox(DemoParties.SECRETARIAT.noticeAddress())) {
            if (subject(raw).startsWith("C4TAP notice")) {
                notices.add(raw);
            }
        }
        return notices;
    }

    /** The report ids of the secretariat's notices, each read by decrypting it with the secretariat's key. */
    private List<String> secretariatReportIds() throws Exception {
        List<String> ids = new ArrayList<>();
        for (byte[] raw : secretariatNotices()) {
            ids.add(reader.read(DemoParties.SECRETARIAT, raw).report().id().value());
        }
        return ids;
    }

    /** The report ids the operator acknowledged to the employee: every report it accepted. */
    private Set<String> acknowledgedReportIds() throws Exception {
        Set<String> ids = new HashSet<>();
        for (byte[] raw : network.inbox(DemoParties.EMPLOYEE)) {
            Matcher matcher = REPORT_ID.matcher(subject(raw));
            if (matcher.find()) {
                ids.add(matcher.group());
            }
        }
        return ids;
    }

    private int stopNotices(String address) throws Exception {
        int count = 0;
        for (byte[] raw : network.inbox(address)) {
            if (subject(raw).startsWith("C4TAP gateway: mail stopped")) {
                count++;
            }
        }
        return count;
    }

    /** A sealed message's content, its base64 body decoded, as hex. */
    private static String content(byte[] message) {
        String text = new String(message, java.nio.charset.StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        return java.util.HexFormat.of().formatHex(java.util.Base64.getMimeDecoder().decode(text.substring(end + 4)));
    }

    private static String subject(byte[] raw) throws Exception {
        String subject = new MimeMessage(MimeParts.session(), new ByteArrayInputStream(raw)).getSubject();
        return subject == null ? "" : subject;
    }
}
