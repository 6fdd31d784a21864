package org.c4tap.core.reply;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.c4tap.core.message.PlainTextMessage;

/**
 * The explanation a sender gets when mail to the report address was not relayed. It never quotes
 * the mail it answers.
 */
public final class Rejection {

    /** Why a mail to the report address was not relayed. */
    public enum Reason {
        /** The sender did not log in to the gateway, or is not a user of this organisation. */
        NOT_AUTHENTICATED("not_authenticated"),
        /** No forwarded mail could be found in the submission. */
        NOTHING_RECOGNISED("nothing_recognised"),
        /** The submission is larger than the gateway reads at all. */
        TOO_LARGE("too_large");

        private final String key;

        Reason(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public static Reason fromKey(String key) {
            for (Reason reason : values()) {
                if (reason.key.equals(key)) {
                    return reason;
                }
            }
            throw new IllegalArgumentException("unknown rejection reason '" + key + "'; known: not_authenticated, nothing_recognised, too_large");
        }
    }

    private static final String HOW_TO = """
            不審なメールは「添付ファイルとして転送」してください。
              Outlook: メールを選び［その他の転送］→［添付ファイルとして転送］
              Thunderbird: メールを右クリック →［転送形式］→［添付］
              Gmail: メールを選び［︙］→［添付ファイルとして転送］
            Please forward suspicious mail as an attachment:
              Outlook: select the mail, More → Forward as Attachment
              Thunderbird: right-click the mail, Forward As → Attachment
              Gmail: select the mail, ⋮ → Forward as attachment
            """;

    private Rejection() {
    }

    public static MimeMessage compose(String from, String to, String reportAddress, Reason reason) throws MessagingException {
        return compose(from, to, reportAddress, reason, java.util.Optional.empty());
    }

    /** As a reply to the refused mail, when its Message-ID is known. */
    public static MimeMessage compose(String from, String to, String reportAddress, Reason reason, java.util.Optional<InReplyTo> refused)
            throws MessagingException {
        MimeMessage message = PlainTextMessage.create(from, to, "C4TAP 報告を受け付けられませんでした / Report not accepted",
                text(reportAddress, reason));
        if (refused.isPresent()) {
            refused.get().applyTo(message);
        }
        return message;
    }

    static String text(String reportAddress, Reason reason) {
        String why = switch (reason) {
            case NOT_AUTHENTICATED -> """
                    %s 宛のメールは、この組織の利用者がログイン（SMTP 認証）して送った場合にだけ受け付けます。
                    Mail to %s is accepted only from users of this organisation who log in (SMTP authentication)
                    to send it. Nothing was relayed.
                    """.formatted(reportAddress, reportAddress);
            case NOTHING_RECOGNISED -> """
                    %s 宛のメールの中に、転送された不審メールが見つかりませんでした。何も送信していません。
                    No forwarded suspicious mail was found in your mail to %s. Nothing was relayed.
                    """.formatted(reportAddress, reportAddress);
            case TOO_LARGE -> """
                    %s 宛のメールが大きすぎるため、読み取りませんでした。何も送信していません。添付ファイルの少ない
                    形で転送し直すか、システム管理者に連絡してください。
                    Your mail to %s is larger than the gateway reads, so it was not read and nothing was
                    relayed. Forward the suspicious mail on its own, or contact your mail administrator.
                    """.formatted(reportAddress, reportAddress);
        };
        return why + "\n" + HOW_TO + "\nこのメールは自動送信です。/ This message was sent automatically.\n";
    }
}
