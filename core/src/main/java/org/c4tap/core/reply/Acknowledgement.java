package org.c4tap.core.reply;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.c4tap.core.message.PlainTextMessage;
import org.c4tap.core.report.Attachment;
import org.c4tap.core.report.AttachmentList;
import org.c4tap.core.report.Indicators;
import org.c4tap.core.report.Note;
import org.c4tap.core.report.Report;
import org.c4tap.core.scope.Part;

/**
 * The reply an employee gets once their report has been sealed for the council: the report id,
 * the scope of each part, what was found, and what could not be read. In Japanese and English.
 */
public final class Acknowledgement {

    private Acknowledgement() {
    }

    public static MimeMessage compose(String from, String reporter, Report report) throws MessagingException {
        return compose(from, reporter, report, java.util.Optional.empty());
    }

    /** As a reply to the reporter's submission, when its Message-ID is known. */
    public static MimeMessage compose(String from, String reporter, Report report, java.util.Optional<InReplyTo> submission)
            throws MessagingException {
        MimeMessage message = PlainTextMessage.create(from, reporter, "C4TAP 報告受付 / Report accepted: " + report.id().value(),
                text(report));
        if (submission.isPresent()) {
            submission.get().applyTo(message);
        }
        return message;
    }

    static String text(Report report) {
        StringBuilder out = new StringBuilder();
        out.append("ご報告ありがとうございました。不審メールの情報を暗号化してセプターカウンシル（C4TAP）へ送りました。\n");
        out.append("Thank you. The information about the suspicious mail was encrypted and sent to the CEPTOAR Council (C4TAP).\n\n");
        out.append("報告ID / Report ID: ").append(report.id().value()).append("\n\n");
        out.append("共有範囲 / Sharing scope of each part:\n");
        for (Part part : Part.values()) {
            if (report.has(part) || part == Part.PROVIDER_NAME || part == Part.PROVIDER_SECTOR) {
                out.append("  ").append(part.key()).append(": ").append(report.scopes().of(part).label()).append('\n');
            }
        }
        List<Attachment> attachments = report.part(AttachmentList.class).map(AttachmentList::attachments).orElse(List.of());
        out.append("\n添付ファイル（取り除いてハッシュのみ送付）/ Attachments (removed, only their hashes were sent): ")
                .append(attachments.size()).append('\n');
        for (Attachment attachment : attachments) {
            out.append("  ").append(attachment.filename().isEmpty() ? "(no name)" : attachment.filename())
                    .append("  SHA-256 ").append(attachment.fingerprint().sha256())
                    .append(attachment.flags().isEmpty() ? "" : "  ⚠ " + String.join(", ",
                            attachment.flags().stream().map(org.c4tap.core.inspection.Flag::key).toList()))
                    .append(attachment.archive().filter(listing -> listing.encrypted())
                            .map(listing -> "  (パスワード付き書庫 / password-protected archive)").orElse(""))
                    .append('\n');
        }
        int urls = report.part(Indicators.class).map(indicators -> indicators.urls().size()).orElse(0);
        out.append("URL: ").append(urls).append('\n');
        if (!report.notes().isEmpty()) {
            out.append("\n読み取れなかったもの / What could not be read:\n");
            for (Note note : report.notes()) {
                out.append("  - ").append(note.kind()).append(": ").append(note.detail()).append('\n');
            }
        }
        out.append("\nこのメールは自動送信です。/ This message was sent automatically.\n");
        return out.toString();
    }
}
