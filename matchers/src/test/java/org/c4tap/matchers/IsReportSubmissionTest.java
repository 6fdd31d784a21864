package org.c4tap.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IsReportSubmissionTest {

    private IsReportSubmission submission;
    private IsAddressedToReport addressed;

    @BeforeEach
    void setUp() throws Exception {
        submission = new IsReportSubmission();
        submission.init(config("IsReportSubmission", "report@localhost"));
        addressed = new IsAddressedToReport();
        addressed.init(config("IsAddressedToReport", "report@localhost"));
    }

    @Test
    void anAuthenticatedLocalUserSubmits() throws Exception {
        Mail mail = mail("taro@localhost", "taro@localhost", "report+amber@localhost", "colleague@localhost");
        assertThat(submission.match(mail)).containsExactly(new MailAddress("report+amber@localhost"));
    }

    @Test
    void theLocalPartAloneIsEnoughWithoutVirtualHosting() throws Exception {
        assertThat(submission.match(mail("taro", "taro@localhost", "report@localhost"))).hasSize(1);
    }

    @Test
    void withoutAuthenticationNothingIsASubmission() throws Exception {
        Mail mail = mail(null, "taro@localhost", "report@localhost");
        assertThat(submission.match(mail)).isEmpty();
        assertThat(addressed.match(mail)).containsExactly(new MailAddress("report@localhost"));
    }

    @Test
    void anExternalSenderIsNotASubmissionEvenAuthenticated() throws Exception {
        assertThat(submission.match(mail("mallory@evil.example", "mallory@evil.example", "report@localhost"))).isEmpty();
    }

    @Test
    void authenticatingAsSomeoneElseIsNotASubmission() throws Exception {
        assertThat(submission.match(mail("jiro@localhost", "taro@localhost", "report@localhost"))).isEmpty();
    }

    @Test
    void otherRecipientsAreNotMatched() throws Exception {
        assertThat(submission.match(mail("taro@localhost", "taro@localhost", "someone@localhost"))).isEmpty();
        assertThat(addressed.match(mail(null, "x@evil.example", "someone@localhost"))).isEmpty();
    }

    @Test
    void theConditionMustBeAPlainAddress() {
        assertThatThrownBy(() -> new IsReportSubmission().init(config("IsReportSubmission", null)))
                .isInstanceOf(MessagingException.class).hasMessageContaining("report address");
        assertThatThrownBy(() -> new IsReportSubmission().init(config("IsReportSubmission", "report+red@localhost")))
                .isInstanceOf(MessagingException.class);
    }

    private static FakeMatcherConfig config(String name, String condition) {
        return FakeMatcherConfig.builder().matcherName(name).condition(condition)
                .mailetContext(FakeMailContext.defaultContext()).build();
    }

    private static Mail mail(String authenticatedUser, String sender, String... recipients) throws Exception {
        FakeMail.Builder builder = FakeMail.builder().name("mail").sender(sender).recipients(recipients);
        if (authenticatedUser != null) {
            builder.attribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of(authenticatedUser)));
        }
        return builder.build();
    }
}
