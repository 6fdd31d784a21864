package org.c4tap.matchers;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.c4tap.core.message.MimeParts;
import org.junit.jupiter.api.Test;

class IsSealedReportTest {

    @Test
    void matchesEncryptedMailToTheIntakeAddressOnly() throws Exception {
        IsSealedReport matcher = new IsSealedReport();
        matcher.init(FakeMatcherConfig.builder().matcherName("IsSealedReport").condition("intake@council.example")
                .mailetContext(FakeMailContext.defaultContext()).build());
        assertThat(matcher.match(mail("application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m",
                "intake@council.example", "other@council.example")))
                .containsExactly(new MailAddress("intake@council.example"));
        assertThat(matcher.match(mail("application/pkcs7-mime; smime-type=authEnveloped-data", "INTAKE@council.example"))).hasSize(1);
        assertThat(matcher.match(mail("application/x-pkcs7-mime", "intake@council.example"))).hasSize(1);
        assertThat(matcher.match(mail("text/plain", "intake@council.example"))).isEmpty();
        assertThat(matcher.match(mail("application/pkcs7-mime; smime-type=signed-data", "intake@council.example"))).isEmpty();
        assertThat(matcher.match(mail("application/pkcs7-mime; smime-type=enveloped-data", "other@council.example"))).isEmpty();
    }

    @Test
    void isEncryptedGuardsRelays() throws Exception {
        IsEncrypted matcher = new IsEncrypted();
        matcher.init(FakeMatcherConfig.builder().matcherName("IsEncrypted").mailetContext(FakeMailContext.defaultContext()).build());
        assertThat(matcher.match(mail("application/pkcs7-mime; smime-type=enveloped-data", "a@x.example", "b@x.example"))).hasSize(2);
        assertThat(matcher.match(mail("multipart/mixed; boundary=x", "a@x.example"))).isEmpty();
        assertThat(matcher.match(mail("this is not a content type", "a@x.example"))).isEmpty();
    }

    private static Mail mail(String contentType, String... recipients) throws Exception {
        String raw = "From: gw@bank.example\r\nTo: intake@council.example\r\nSubject: C4TAP report\r\nContent-Type: "
                + contentType + "\r\n\r\nAAAA\r\n";
        MimeMessage message = new MimeMessage(MimeParts.session(), new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
        return FakeMail.builder().name("m").mimeMessage(message).sender("gw@bank.example").recipients(recipients).build();
    }
}
