package org.c4tap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.c4tap.cli.demo.DemoNetwork;
import org.c4tap.cli.demo.DemoParties;
import org.c4tap.cli.demo.NoticeReader;
import org.c4tap.cli.james.Installation;
import org.c4tap.cli.mail.MailClient;
import org.c4tap.core.inspection.Flag;
import org.c4tap.core.inspection.PpapZip;
import org.c4tap.core.report.Attachment;
import org.c4tap.core.report.AttachmentList;
import org.c4tap.core.report.Indicators;
import org.c4tap.core.report.OriginalHeaders;
import org.c4tap.core.report.Report;
import org.c4tap.core.report.SpamAnalysis;
import org.c4tap.core.testing.Corpus;
import org.c4tap.core.testing.SpamdProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The operator gateway's intake on the real servers, with Debian's real spamd: an attached
 * forward, an inline Japanese Outlook forward, an Outlook .msg and a password-protected zip each
 * reach the secretariat as a report with the right headers, fingerprints and spam score; with
 * spamd down, and then hanging, reports still go out, marked {@code unavailable}, within the
 * configured deadline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
class IntakeEndToEndTest {

    private static final Duration SPAMD_DEADLINE = Duration.ofSeconds(5);
    private static final String PPAP_SUBJECT = "お見積書送付の件";
    private static final byte[] QUOTATION = Corpus.attachment(6000, 21);

    private SpamdProcess spamd;
    private SpamdSwitch spamdSwitch;
    private DemoNetwork network;
    private NoticeReader reader;
    private int submitted;

    @BeforeAll
    void start() throws Exception {
        spamd = SpamdProcess.start();
        spamdSwitch = new SpamdSwitch(spamd.port());
        Path work = Files.createTempDirectory("c4tap-intake-");
        network = DemoNetwork.start(work, Installation.locate(), DemoNetwork.Options.standard()
                .withOperatorEdit("mailetcontainer.xml", "<spamdPort>783</spamdPort>", "<spamdPort>" + spamdSwitch.port() + "</spamdPort>")
                .withOperatorEdit("mailetcontainer.xml", "<spamdReadTimeout>10000</spamdReadTimeout>", "<spamdReadTimeout>3000</spamdReadTimeout>")
                .withOperatorEdit("mailetcontainer.xml", "<spamdDeadline>15000</spamdDeadline>",
                        "<spamdDeadline>" + SPAMD_DEADLINE.toMillis() + "</spamdDeadline>"),
                System.out::println);
        reader = new NoticeReader(network.pki());
    }

    @AfterAll
    void stop() throws Exception {
        if (network != null) {
            network.close();
        }
        if (spamdSwitch != null) {
            spamdSwitch.close();
        }
        if (spamd != null) {
            spamd.close();
        }
    }

    @Test
    @Order(1)
    void fourWaysOfForwardingBecomeFourReportsScoredBySpamd() throws Exception {
        Map<String, byte[]> corpus = new HashMap<>();
        Corpus.all().forEach(fixture -> corpus.put(fixture.name(), fixture.submission()));
        submit(corpus.get("001-attached-iso2022jp"), "report@bank-a.example");
        submit(corpus.get("003-inline-outlook-japanese"), "report@bank-a.example");
        submit(corpus.get("012-outlook-msg"), "report+amber@bank-a.example");
        submit(ppapForward(), "report@bank-a.example");

        Map<String, Report> reports = secretariatReportsBySubject(4);

        Report attached = reports.get("【至急】ご請求書送付のお知らせ（１１月分）");
        assertThat(attached.part(OriginalHeaders.class).orElseThrow().from()).contains("keiri@invoice-check.example.net");
        assertThat(only(attached).filename()).isEqualTo("請求書_2026年11月.zip");
        assertThat(only(attached).fingerprint().sha256()).isEqualTo(sha256(Corpus.attachment(3000, 1)));
        assertThat(urls(attached)).contains("http://invoice-check.example.net/login?id=4821");

        Report inline = reports.get("年末調整の書類提出について");
        assertThat(inline.part(OriginalHeaders.class).orElseThrow().from()).contains("jinji@hr-update.example.com");
        assertThat(only(inline).filename()).isEqualTo("年末調整.xls");
        assertThat(only(inline).fingerprint().sha256()).isEqualTo(sha256(Corpus.attachment(5000, 3)));
        assertThat(urls(inline)).contains("http://hr-update.example.com/nenmatsu/form");

        Report msg = reports.get("【重要】パスワード有効期限のお知らせ");
        assertThat(msg.part(OriginalHeaders.class).orElseThrow().from()).contains("it-support@pw-expire.example.org");
        assertThat(only(msg).filename()).isEqualTo("手順書.docm");
        assertThat(only(msg).fingerprint().sha256()).isEqualTo(sha256(Corpus.attachment(4000, 12)));
        assertThat(urls(msg)).contains("https://pw-expire.example.org/renew");

        Report ppap = reports.get(PPAP_SUBJECT);
        Attachment zip = only(ppap);
        assertThat(zip.filename()).isEqualTo("mitsumori.zip");
        assertThat(zip.flags()).contains(Flag.ENCRYPTED_ARCHIVE);
        assertThat(zip.archive().orElseThrow().encrypted()).isTrue();
        assertThat(zip.archive().orElseThrow().entries()).extracting(entry -> entry.path()).containsExactly("見積書.xlsx", "見積書.pdf.exe");
        assertThat(zip.archive().orElseThrow().entries().get(0).size()).hasValue(QUOTATION.length);
        assertThat(zip.archive().orElseThrow().entries().get(1).flags()).contains(Flag.DOUBLE_EXTENSION);

        for (Report report : reports.values()) {
            SpamAnalysis spam = report.part(SpamAnalysis.class).orElseThrow();
            assertThat(spam.status()).as(report.id().value()).isIn(SpamAnalysis.Status.SPAM, SpamAnalysis.Status.HAM);
            assertThat(spam.threshold()).isEqualTo(5.0);
            assertThat(spam.rules()).isNotEmpty();
        }
        assertThat(network.inbox(DemoParties.EMPLOYEE)).as("each reporter acknowledged").hasSize(4);
        assertThat(network.inbox("postmaster@bank-a.example")).as("no failure at the operator").isEmpty();
    }

    @Test
    @Order(2)
    void withSpamdDownTheReportStillGoesOutMarkedUnavailable() throws Exception {
        spamdSwitch.set(SpamdSwitch.Mode.DOWN);
        byte[] submission = Corpus.all().stream().filter(fixture -> fixture.name().startsWith("002")).findFirst().orElseThrow().submission();
        submit(submission, "report+green@bank-a.example");

        Report report = secretariatReportsBySubject(submitted).get("Your mailbox is full");
        assertThat(report.part(SpamAnalysis.class).orElseThrow().status()).isEqualTo(SpamAnalysis.Status.UNAVAILABLE);
        assertThat(urls(report)).contains("https://webmail.evil.example/login");
    }

    @Test
    @Order(3)
    void withSpamdHangingTheReportGoesOutWithinTheDeadline() throws Exception {
        spamdSwitch.set(SpamdSwitch.Mode.HANG);
        byte[] submission = Corpus.all().stream().filter(fixture -> fixture.name().startsWith("004")).findFirst().orElseThrow().submission();
        Instant sent = Instant.now();
        submit(submission, "report@bank-a.example");

        Report report = secretariatReportsBySubject(submitted).get("Password expires today");
        Duration took = Duration.between(sent, Instant.now());
        assertThat(report.part(SpamAnalysis.class).orElseThrow().status()).isEqualTo(SpamAnalysis.Status.UNAVAILABLE);
        System.out.println("[intake]   with spamd hanging, the notice arrived " + took.toMillis() + " ms after submission (deadline "
                + SPAMD_DEADLINE.toMillis() + " ms)");
        // A hanging spamd without the deadline would hold the report until this test's own timeout;
        // the bound is generous because the rest of the path (relay, council, IMAP) runs on a shared
        // machine: this shows that the wait ends, not how fast the gateway is.
        assertThat(took).as("the spamd deadline bounds the wait").isLessThan(SPAMD_DEADLINE.plusSeconds(90));
        spamdSwitch.set(SpamdSwitch.Mode.UP);
    }

    @Test
    @Order(4)
    void theLogsHoldNoContentAndNoKeyMaterial() throws Exception {
        List<String> forbidden = new java.util.ArrayList<>(LeakCheck.keyMaterial(network.pki()));
        for (byte[] attachment : List.of(Corpus.attachment(3000, 1), Corpus.attachment(5000, 3), Corpus.attachment(4000, 12), QUOTATION)) {
            forbidden.add(Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(attachment, 600, 660)));
            forbidden.add(new String(attachment, 900, 40, StandardCharsets.ISO_8859_1));
        }
        forbidden.addAll(List.of("年末調整の書類提出について", "添付のファイルをご確認のうえ", "パスワードは別途お送りします", PPAP_SUBJECT,
                "hr-update.example.com/nenmatsu", "pw-expire.example.org/renew", "Your mailbox is full", "webmail.evil.example"));
        LeakCheck.assertLogsClean(network, forbidden);
    }

    private void submit(byte[] submission, String to) throws Exception {
        MailClient.submit(network.operator().ports().smtp(), DemoParties.EMPLOYEE, DemoNetwork.MAILBOX_PASSWORD,
                DemoParties.EMPLOYEE, List.of(to), submission);
        submitted++;
    }

    /** Waits for {@code count} notices at the secretariat and reads them all, by the reported mail's subject. */
    private Map<String, Report> secretariatReportsBySubject(int count) throws Exception {
        String secretariat = DemoParties.SECRETARIAT.noticeAddress();
        Await.until(count + " notices at the secretariat", Duration.ofSeconds(90), () -> network.inboxCount(secretariat) >= count);
        Map<String, Report> reports = new LinkedHashMap<>();
        for (byte[] raw : network.inbox(secretariat)) {
            Report report = reader.read(DemoParties.SECRETARIAT, raw).report();
            reports.put(report.part(OriginalHeaders.class).orElseThrow().subject(), report);
        }
        assertThat(reports).hasSize(count);
        return reports;
    }

    private static Attachment only(Report report) {
        List<Attachment> attachments = report.part(AttachmentList.class).orElseThrow().attachments();
        assertThat(attachments).as(report.id().value()).hasSize(1);
        return attachments.get(0);
    }

    private static List<String> urls(Report report) {
        return report.part(Indicators.class).orElseThrow().urls().stream().map(url -> url.url()).toList();
    }

    /** A quotation sent as an encrypted zip whose password "follows in a separate mail", forwarded as an attachment. */
    private static byte[] ppapForward() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("見積書.xlsx", QUOTATION);
        entries.put("見積書.pdf.exe", PpapZip.windowsProgram());
        byte[] zip = PpapZip.of(entries, "Tokyo2026!", 5);
        String original = "From: =?UTF-8?B?" + b64("営業部") + "?= <sales@ppap-quote.example>\r\n"
                + "To: taro.yamada@bank-a.example\r\n"
                + "Subject: =?UTF-8?B?" + b64(PPAP_SUBJECT) + "?=\r\n"
                + "Date: Thu, 26 Nov 2026 13:00:00 +0900\r\nMessage-ID: <ppap-1@ppap-quote.example>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"p\"\r\n\r\n"
                + "--p\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + b64("見積書を送付いたします。パスワードは別途お送りします。\r\n") + "\r\n"
                + "--p\r\nContent-Type: application/zip; name=\"mitsumori.zip\"\r\nContent-Disposition: attachment; filename=\"mitsumori.zip\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(zip) + "\r\n--p--\r\n";
        String carrier = "From: taro.yamada@bank-a.example\r\nTo: report@bank-a.example\r\nSubject: FW: PPAP\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"c\"\r\n\r\n--c\r\nContent-Type: text/plain; charset=US-ASCII\r\n\r\nplease check\r\n"
                + "--c\r\nContent-Type: message/rfc822\r\n\r\n" + original + "\r\n--c--\r\n";
        return carrier.getBytes(StandardCharsets.US_ASCII);
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
