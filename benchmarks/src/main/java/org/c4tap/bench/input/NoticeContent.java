package org.c4tap.bench.input;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.c4tap.core.entity.ReportEntity;
import org.c4tap.core.report.Report;
import org.c4tap.core.smime.OuterHeaders;

/**
 * A rendered report entity kept as bytes, from which each sealing gets a fresh part (the sealer
 * adds the protected header fields to the part it is given), so that the crypto benchmarks time
 * the signing and encryption, not the rendering.
 */
public final class NoticeContent {

    private final byte[] entity;

    private NoticeContent(byte[] entity) {
        this.entity = entity;
    }

    public static NoticeContent of(Report report) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ReportEntity.render(report).writeTo(out);
            return new NoticeContent(out.toByteArray());
        } catch (MessagingException e) {
            throw new IllegalStateException("the report cannot be rendered", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int size() {
        return entity.length;
    }

    public MimeBodyPart part() {
        try {
            return new MimeBodyPart(new ByteArrayInputStream(entity));
        } catch (MessagingException e) {
            throw new IllegalStateException("the entity does not parse", e);
        }
    }

    public static OuterHeaders headers(String from, String to, String id) {
        return new OuterHeaders(from, List.of(to), "C4TAP notice", "C4TAP notice: 【至急】請求書送付のお知らせ", "<" + id + "@council.example>");
    }
}
