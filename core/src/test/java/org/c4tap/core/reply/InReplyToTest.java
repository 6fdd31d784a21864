package org.c4tap.core.reply;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.Optional;
import org.c4tap.core.message.MimeParts;
import org.junit.jupiter.api.Test;

class InReplyToTest {

    @Test
    void onlyAPlainMessageIdIsCopied() {
        assertThat(InReplyTo.of(" <a.1@bank-a.example> ")).contains(new InReplyTo("<a.1@bank-a.example>"));
        assertThat(InReplyTo.of("<a@b>\r\nBcc: everyone@bank-a.example")).isEmpty();
        assertThat(InReplyTo.of("<a@b> <c@d>")).isEmpty();
        assertThat(InReplyTo.of("<a\u0000b@c>")).isEmpty();
        assertThat(InReplyTo.of("<no-at-sign>")).isEmpty();
        assertThat(InReplyTo.of("<" + "x".repeat(300) + "@b>")).isEmpty();
        assertThat(InReplyTo.of("<日本@b>")).isEmpty();
        assertThat(InReplyTo.of((String) null)).isEmpty();
    }

    @Test
    void theExplanationRepliesToTheRefusedMail() throws Exception {
        MimeMessage refused = new MimeMessage(MimeParts.session(), new java.io.ByteArrayInputStream(
                "Message-ID: <sub-7@bank-a.example>\r\nSubject: x\r\n\r\nx\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        MimeMessage answer = Rejection.compose("c4tap-gateway@bank-a.example", "taro@bank-a.example", "report@bank-a.example",
                Rejection.Reason.NOTHING_RECOGNISED, InReplyTo.of(refused));
        assertThat(answer.getHeader("In-Reply-To")).containsExactly("<sub-7@bank-a.example>");
        assertThat(answer.getHeader("References")).containsExactly("<sub-7@bank-a.example>");
        MimeMessage plain = Rejection.compose("c4tap-gateway@bank-a.example", "taro@bank-a.example", "report@bank-a.example",
                Rejection.Reason.NOTHING_RECOGNISED, Optional.empty());
        assertThat(plain.getHeader("In-Reply-To")).isNull();
    }
}
