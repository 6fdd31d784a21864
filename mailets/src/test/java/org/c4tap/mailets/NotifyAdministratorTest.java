package org.c4tap.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.memory.MemoryMailRepository;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.c4tap.core.testing.Mails;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The administrator is told, without content, where a stopped mail is kept; and a mail kept again
 * after a resend is never removed by the resend that brought it back.
 */
class NotifyAdministratorTest {

    private static final String REPOSITORY = "memory://var/mail/c4tap-error/";

    private final MemoryMailRepository repository = new MemoryMailRepository();
    private FakeMailContext context;
    private NotifyAdministrator mailet;

    @BeforeEach
    void setUp() throws Exception {
        context = FakeMailContext.builder().postmaster(new MailAddress("postmaster@council.example")).build();
        mailet = new NotifyAdministrator();
        mailet.init(FakeMailetConfig.builder().mailetName("NotifyAdministrator").mailetContext(context)
                .setProperty("repository", REPOSITORY)
                .setProperty("to", "secretariat@council.example, postmaster@council.example")
                .build());
    }

    @Test
    void theNoticeNamesTheReasonAndTheKeyAndCarriesNoContent() throws Exception {
        Mail mail = stopped("Mail1765000000000-1", "the secret body of the report");

        mailet.service(mail);

        assertThat(mail.getName()).as("a mail kept the first time keeps its name").isEqualTo("Mail1765000000000-1");
        List<FakeMailContext.SentMail> sent = context.getSentMails();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getRecipients()).extracting(MailAddress::asString)
                .containsExactly("secretariat@council.example", "postmaster@council.example");
        String notice = (String) sent.get(0).getMsg().getContent();
        assertThat(notice).contains("recipient_not_reached").contains("Mail1765000000000-1").contains(REPOSITORY)
                .doesNotContain("secret body");
    }

    @Test
    void aResentMailKeptAgainSurvivesTheResendsRemovalOfItsOldKey() throws Exception {
        Mail mail = stopped("Mail1765000000000-1", "body");
        keep(mail);
        MailKey first = new MailKey("Mail1765000000000-1");

        // James's WebAdmin reprocessing: enqueue, the mail stops again and is kept, then the old key goes
        for (int resend = 2; resend <= 4; resend++) {
            MailKey before = repository.list().next();
            Mail again = repository.retrieve(before);
            keep(again);
            repository.remove(before);

            assertThat(repository.size()).as("resend %d kept", resend).isEqualTo(1);
            assertThat(repository.list().next().asString()).isEqualTo("Mail1765000000000-1-kept" + resend);
        }
        assertThat(repository.retrieve(first)).isNull();
        assertThat((String) context.getSentMails().get(3).getMsg().getContent()).contains("Mail1765000000000-1-kept4");
    }

    /** What the error processor does: tell, then {@code ToRepository}. */
    private void keep(Mail mail) throws Exception {
        mailet.service(mail);
        repository.store(mail);
    }

    private static Mail stopped(String name, String body) throws Exception {
        Mail mail = FakeMail.builder().name(name).mimeMessage(Mails.reparse(Mails.suspicious("sealed", body, null, null)))
                .sender("gateway@bank-a.example").recipient("intake@council.example").build();
        MailAttributes.set(mail, MailAttributes.FAILURE_REASON, "recipient_not_reached");
        MailAttributes.set(mail, MailAttributes.FAILURE_DETAIL, "power-b: certificate revoked");
        return mail;
    }
}
