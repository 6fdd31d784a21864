package org.c4tap.core.submission;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.activation.DataHandler;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.c4tap.core.analysis.Analyzer;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.report.OriginalHeaders;
import org.c4tap.core.report.Report;
import org.c4tap.core.scope.Scope;
import org.c4tap.core.scope.ScopeChoice;
import org.c4tap.core.testing.Mails;
import org.c4tap.core.testing.MsgFiles;
import org.junit.jupiter.api.Test;

/**
 * Lines that repeat one thing tens of thousands of times, read on a thread with a small stack (a
 * spool thread has 1 MB): each overflowed the stack in a pattern with a repeated group before.
 */
class LongRepetitionTest {

    private static final long SMALL_STACK = 512 * 1024;

    @Test
    void anInlineForwardWhoseHeaderBlockEndsInTwentyThousandQuoteMarksIsRead() throws Throwable {
        String text = "見てください\r\n---------- Forwarded message ---------\r\nFrom: Attacker <a@evil.example>\r\n"
                + "Date: Thu, Nov 26, 2026 at 10:00 AM\r\nSubject: 至急\r\nTo: taro@bank-a.example\r\n" + ">".repeat(20_000)
                + "\r\n本文\r\n";

        InlineForward.Block block = onASmallStack(() -> InlineForward.find(text).orElseThrow());

        assertThat(block.field(InlineForward.Field.SUBJECT)).isEqualTo("至急");
    }

    @Test
    void anOutlookMessageWithTwentyThousandFoldedContentTypeLinesIsReported() throws Throwable {
        String folded = "Content-Type: text/plain;\r\n" + " x=y;\r\n".repeat(20_000);
        byte[] msg = MsgFiles.builder().subject("folded").from("Attacker", "a@evil.example").to("Taro", "taro@bank-a.example")
                .transportHeaders("From: a@evil.example\r\n" + folded + "Subject: folded\r\n").textBody("本文").build();
        MimeMessage carrier = new MimeMessage(MimeParts.session());
        carrier.setFrom("taro@bank-a.example");
        carrier.setSubject("FW: folded");
        MimeMultipart mixed = new MimeMultipart();
        MimeBodyPart note = new MimeBodyPart();
        note.setText("転送します");
        mixed.addBodyPart(note);
        MimeBodyPart attached = new MimeBodyPart();
        attached.setDataHandler(new DataHandler(new ByteArrayDataSource(msg, "application/vnd.ms-outlook")));
        attached.setFileName("folded.msg");
        mixed.addBodyPart(attached);
        carrier.setContent(mixed);
        carrier.saveChanges();
        Submission submission = new Submission(Mails.reparse(carrier), "taro@bank-a.example",
                new ScopeChoice(Scope.RED, ScopeChoice.Origin.CONFIGURED_DEFAULT));

        List<Report> reports = onASmallStack(() -> Analyzer.standard(Scope.RED).analyze(submission));

        assertThat(reports).singleElement().satisfies(report ->
                assertThat(report.part(OriginalHeaders.class).orElseThrow().subject()).isEqualTo("folded"));
    }

    private interface Work<T> {
        T run() throws Exception;
    }

    private static <T> T onASmallStack(Work<T> work) throws Throwable {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                result.set(work.run());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "small-stack", SMALL_STACK);
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }
}
