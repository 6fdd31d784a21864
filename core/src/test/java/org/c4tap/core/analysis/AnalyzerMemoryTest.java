package org.c4tap.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.lang.management.ManagementFactory;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.c4tap.core.report.Attachment;
import org.c4tap.core.report.AttachmentList;
import org.c4tap.core.report.Report;
import org.c4tap.core.scope.Scope;
import org.c4tap.core.scope.ScopeChoice;
import org.c4tap.core.submission.Submission;
import org.c4tap.core.testing.Mails;
import org.junit.jupiter.api.Test;

/**
 * What reading a large forward costs in memory, counted as the bytes this thread allocates (exact,
 * unlike heap snapshots): the forwarded mail is read where it lies in the submission, never
 * copied, and the attachment kept for inspection is copied once, at its size.
 */
class AnalyzerMemoryTest {

    private static final int ATTACHMENT = 24 * 1024 * 1024;

    private final Analyzer analyzer = Analyzer.standard(Scope.RED);

    @Test
    void aLargeForwardedMailIsNotCopiedAndItsAttachmentIsKeptOnce() throws Exception {
        byte[] attachment = new byte[ATTACHMENT];
        new Random(5).nextBytes(attachment);
        MimeMessage forward = Mails.forward(Mails.suspicious("invoice", "see attachment", "data.bin", attachment), "taro@bank.example");
        Submission submission = new Submission(forward, "taro@bank.example", new ScopeChoice(Scope.RED, ScopeChoice.Origin.CONFIGURED_DEFAULT));
        analyzer.analyze(new Submission(Mails.forward(Mails.suspicious("warm", "up", "a.bin", new byte[100]), "taro@bank.example"),
                "taro@bank.example", submission.choice()));

        long before = allocatedByThisThread();
        List<Report> reports = analyzer.analyze(submission);
        long allocated = allocatedByThisThread() - before;

        Attachment fingerprinted = reports.get(0).part(AttachmentList.class).orElseThrow().attachments().get(0);
        assertThat(fingerprinted.fingerprint().sha256())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(attachment)));
        // before: the forwarded mail read whole (twice its 33 MB, through readNBytes), the attachment
        // kept in an array sized from an estimate, then trimmed (twice 24 MB): 123 MB, 4.9 times;
        // now the one copy of the attachment and the read buffers: 29 MB
        assertThat(allocated).as("bytes allocated to analyse a forward of a %d-byte attachment", ATTACHMENT)
                .isLessThan(ATTACHMENT * 3L / 2);
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
