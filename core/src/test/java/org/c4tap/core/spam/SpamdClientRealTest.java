package org.c4tap.core.spam;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.report.SpamAnalysis;
import org.c4tap.core.report.SpamAnalysis.Status;
import org.c4tap.core.testing.SpamdProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against a real spamd, which {@link SpamdProcess} starts and stops. */
class SpamdClientRealTest {

    // SpamAssassin's test string scores 1000 alone; the rules a bare mail hits add a little, as in SpamAssassin's own tests.
    private static final byte[] GTUBE_MAIL = ("""
            From: sender@example.net\r
            To: victim@bank-a.example\r
            Subject: Test spam mail (GTUBE)\r
            \r
            This is the GTUBE, the Generic Test for Unsolicited Bulk Email.\r
            \r
            XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X\r
            """).getBytes(StandardCharsets.US_ASCII);

    private static SpamdProcess spamd;
    private static SpamdClient client;

    @BeforeAll
    static void startSpamd() {
        spamd = SpamdProcess.start();
        client = new SpamdClient(SpamdSettings.DEFAULTS.withEndpoint(spamd.host(), spamd.port()));
    }

    @AfterAll
    static void stopSpamd() {
        if (spamd != null) {
            spamd.close();
        }
    }

    @Test
    void spamdAnswersPing() {
        assertThat(client.ping()).isTrue();
    }

    @Test
    void gtubeIsSpam() throws Exception {
        SpamCheck check = client.check(GTUBE_MAIL);

        assertThat(check.reason()).as(spamd::log).isEqualTo(SpamCheck.CHECKED);
        assertThat(check.status()).isEqualTo(Status.SPAM);
        assertThat(check.analysis().score()).isGreaterThanOrEqualTo(1000.0);
        assertThat(check.analysis().threshold()).isEqualTo(5.0);
        assertThat(check.analysis().rules()).contains("GTUBE");
    }

    @Test
    void anOrdinaryJapaneseBusinessMailIsHam() throws Exception {
        SpamCheck check = client.check(mail("来週の定例会議について", """
                各位

                お疲れ様です。総務部の山田です。
                来週の定例会議は、12月3日(水)14時から本社3階の第2会議室で行います。
                議題は下期の予算執行状況と、年末年始の当番表の確認です。
                資料は前日までに共有フォルダに置きますので、事前にご確認ください。
                ご都合の悪い方は、今週中に山田までお知らせください。

                よろしくお願いいたします。
                """));

        assertThat(check.reason()).as(spamd::log).isEqualTo(SpamCheck.CHECKED);
        assertThat(check.status()).isEqualTo(Status.HAM);
        assertThat(check.analysis().threshold()).isEqualTo(5.0);
        // Only the rules about the missing relay chain may hit, and they weigh nothing.
        assertThat(check.analysis().score()).isLessThan(1.0);
    }

    @Test
    void aHundredKilobyteTextIsCheckedWithinTheReadTimeout() throws Exception {
        byte[] message = mail("Quarterly maintenance log", maintenanceLog(100 * 1024));
        assertThat(message.length).isBetween(100 * 1024, 110 * 1024);

        SpamCheck check = client.check(message);

        assertThat(check.reason()).as(spamd::log).isEqualTo(SpamCheck.CHECKED);
        assertThat(check.status()).isEqualTo(Status.HAM);
        assertThat(check.took()).isLessThan(client.settings().readTimeout());
    }

    @Test
    void aStoppedSpamdIsUnavailable() throws Exception {
        SpamdClient ownClient;
        try (SpamdProcess own = SpamdProcess.start()) {
            ownClient = new SpamdClient(SpamdSettings.DEFAULTS.withEndpoint(own.host(), own.port()));
            assertThat(ownClient.check(GTUBE_MAIL).status()).as(own::log).isEqualTo(Status.SPAM);
        }

        SpamCheck check = ownClient.check(GTUBE_MAIL);

        assertThat(check.analysis()).isEqualTo(SpamAnalysis.unavailable());
        assertThat(check.reason()).isEqualTo("connection refused");
        assertThat(ownClient.ping()).isFalse();
    }

    @Test
    void aSpamdStoppedDuringACheckIsUnavailable() throws Exception {
        byte[] message = mail("Quarterly maintenance log", maintenanceLog(100 * 1024));
        try (SpamdProcess own = SpamdProcess.start(); ExecutorService caller = Executors.newSingleThreadExecutor()) {
            SpamdClient ownClient = new SpamdClient(SpamdSettings.DEFAULTS.withEndpoint(own.host(), own.port()));
            Future<SpamCheck> pending = caller.submit(() -> ownClient.check(message));
            awaitLog(own, "checking message");

            own.close();
            SpamCheck check = pending.get(30, TimeUnit.SECONDS);

            assertThat(check.analysis()).isEqualTo(SpamAnalysis.unavailable());
            assertThat(check.took()).isLessThan(ownClient.settings().deadline());
        }
    }

    private static void awaitLog(SpamdProcess process, String entry) throws InterruptedException {
        long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!process.log().contains(entry)) {
            assertThat(System.nanoTime() - giveUpAt).as("spamd to log '%s'; its log: %s", entry, process.log()).isNegative();
            Thread.sleep(10);
        }
    }

    private static byte[] mail(String subject, String body) throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(MimeParts.session());
        message.setFrom(new InternetAddress("yamada@bank-a.example", "山田 太郎", "UTF-8"));
        message.setRecipients(MimeMessage.RecipientType.TO, "soumu@bank-a.example");
        message.setSubject(subject, "UTF-8");
        message.setSentDate(Date.from(ZonedDateTime.now().minusMinutes(5).toInstant()));
        message.setText(body, "UTF-8");
        message.saveChanges();
        message.setHeader("Message-ID", "<" + System.nanoTime() + ".meeting@bank-a.example>");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    /** Plain, varied English text of about {@code bytes} bytes, like a log pasted into a mail. */
    private static String maintenanceLog(int bytes) {
        StringBuilder text = new StringBuilder(bytes + 200);
        for (int line = 1; text.length() < bytes; line++) {
            text.append(String.format("%05d checked pump %d in hall %d: pressure %d.%d bar, temperature %d C, next check in %d days%n",
                    line, line % 37, line % 5, 2 + line % 3, line % 10, 40 + line % 17, 7 + line % 23));
        }
        return text.toString();
    }
}
