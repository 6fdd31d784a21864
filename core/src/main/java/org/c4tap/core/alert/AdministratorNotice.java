package org.c4tap.core.alert;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import org.c4tap.core.message.PlainTextMessage;

/**
 * Tells an administrator that a mail was stopped and where it is kept. It carries the reason and
 * identifiers only, never the mail's content.
 *
 * @param reason      a machine-readable reason, such as {@code unknown_signer}
 * @param detail      a sentence about what failed, with no content of the mail
 * @param mailName    the mail's name in the server, to find it in the repository
 * @param reportId    the report id when known, else the empty string
 * @param repository  the repository URL the mail was stored in
 */
public record AdministratorNotice(String reason, String detail, String mailName, String reportId, String repository) {

    public MimeMessage compose(String from, String to) throws MessagingException {
        String subject = "C4TAP gateway: mail stopped (" + reason + ")";
        String text = "C4TAP ゲートウェイがメールを停止しました。/ The C4TAP gateway stopped a mail.\n\n"
                + "理由 / Reason: " + reason + "\n"
                + "詳細 / Detail: " + detail + "\n"
                + "報告ID / Report ID: " + (reportId.isEmpty() ? "-" : reportId) + "\n"
                + "メール名 / Mail name: " + mailName + "\n"
                + "保管先 / Kept in: " + repository + "\n"
                + "時刻 / Time: " + Instant.now() + "\n\n"
                + "メールの内容はこの通知に含めていません。/ This notice does not include the mail's content.\n";
        return PlainTextMessage.create(from, to, subject, text);
    }
}
