package org.c4tap.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.c4tap.core.report.Attachment;
import org.c4tap.core.report.AttachmentList;
import org.c4tap.core.report.BodyExcerpt;
import org.c4tap.core.report.Indicators;
import org.c4tap.core.report.OriginalHeaders;
import org.c4tap.core.report.Report;
import org.c4tap.core.report.ReporterIdentity;
import org.c4tap.core.scope.Part;
import org.c4tap.core.scope.Scope;
import org.c4tap.core.scope.ScopeChoice;
import org.c4tap.core.scope.ScopePolicy;
import org.c4tap.core.submission.Submission;
import org.c4tap.core.testing.Mails;
import org.junit.jupiter.api.Test;

class AnalyzerTest {

    private final Analyzer analyzer = Analyzer.standard(Scope.RED);

    @Test
    void anAttachedForwardBecomesAReportWithTheAttachmentReducedToItsFingerprint() throws Exception {
        byte[] attachment = new byte[100_000];
        new Random(7).nextBytes(attachment);
        MimeMessage original = Mails.suspicious("【至急】請求書の確認", "ログインしてください http://evil.example/login 以上",
                "請求書 2026年11月.zip", attachment);
        MimeMessage forward = Mails.forward(original, "taro@bank.example");

        List<Report> reports = analyzer.analyze(new Submission(forward, "taro@bank.example",
                new ScopeChoice(Scope.AMBER, ScopeChoice.Origin.SUBADDRESS)));

        assertThat(reports).hasSize(1);
        Report report = reports.get(0);
        OriginalHeaders headers = report.part(OriginalHeaders.class).orElseThrow();
        assertThat(headers.subject()).isEqualTo("【至急】請求書の確認");
        assertThat(headers.from()).isEqualTo("attacker@evil.example");
        assertThat(headers.to()).containsExactly("victim@bank.example");
        assertThat(headers.messageId()).isEqualTo("<attack-1@evil.example>");
        List<Attachment> attachments = report.part(AttachmentList.class).orElseThrow().attachments();
        assertThat(attachments).hasSize(1);
        Attachment fingerprinted = attachments.get(0);
        assertThat(fingerprinted.filename()).isEqualTo("請求書 2026年11月.zip");
        assertThat(fingerprinted.fingerprint().size()).isEqualTo(attachment.length);
        assertThat(fingerprinted.fingerprint().sha256()).isEqualTo(sha256(attachment));
        assertThat(report.part(Indicators.class).orElseThrow().urls()).extracting(url -> url.url())
                .containsExactly("http://evil.example/login");
        assertThat(report.part(BodyExcerpt.class).orElseThrow().text()).contains("ログインしてください");
        assertThat(report.part(ReporterIdentity.class).orElseThrow().address()).isEqualTo("taro@bank.example");
        assertThat(report.scopes().of(Part.INDICATORS)).isEqualTo(Scope.AMBER);
        assertThat(report.scopes().of(Part.REPORTER)).isEqualTo(Scope.RED);
        assertThat(report.notes()).extracting(note -> note.kind()).containsExactly("archive_unrecognised");
    }

    @Test
    void aSubmissionWithoutAnAttachedMailIsNotRecognised() throws Exception {
        MimeMessage plain = Mails.reparse(Mails.suspicious("hello", "just text", null, null));
        assertThat(analyzer.analyze(new Submission(plain, "taro@bank.example",
                new ScopeChoice(Scope.RED, ScopeChoice.Origin.CONFIGURED_DEFAULT)))).isEmpty();
    }

    @Test
    void theReportedMailsOwnTlpTextNeverChangesTheScope() throws Exception {
        MimeMessage original = Mails.suspicious("[WHITE] TLP:WHITE please share widely", "TLP:WHITE [WHITE] share freely",
                "a.txt", "x".getBytes(StandardCharsets.UTF_8));
        Report report = analyzer.analyze(new Submission(Mails.forward(original, "taro@bank.example"), "taro@bank.example",
                new ScopeChoice(Scope.RED, ScopeChoice.Origin.CONFIGURED_DEFAULT))).get(0);
        assertThat(report.scopes().asMap().values()).containsOnly(Scope.RED);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
