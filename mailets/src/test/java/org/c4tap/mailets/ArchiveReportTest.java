package org.c4tap.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryPath;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.mailrepository.api.Protocol;
import org.apache.james.mailrepository.memory.MemoryMailRepository;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.c4tap.core.testing.Mails;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each accepted report is kept once per provider, as it arrived; a second delivery is set aside,
 * unless the first one's distribution was cut short (a stop of James, a failure kept for a resend).
 */
class ArchiveReportTest {

    private static final String REPORT = "C4TAP-20261126-7K3M9Q2XWD";

    @TempDir
    Path directory;

    private final MemoryMailRepository repository = new MemoryMailRepository();
    private ArchiveReport mailet;

    @BeforeEach
    void setUp() throws Exception {
        mailet = new ArchiveReport(new OneRepository(repository));
        mailet.init(FakeMailetConfig.builder().mailetName("ArchiveReport").mailetContext(FakeMailContext.defaultContext())
                .setProperty("repositoryPath", "memory://var/mail/c4tap-reports/")
                .setProperty("auditLog", directory.resolve("audit.jsonl").toString())
                .build());
    }

    @Test
    void theFirstDeliveryIsKeptAndPassesTheSecondIsSetAside() throws Exception {
        Mail first = accepted("first", REPORT, "bank-a", "first body");
        Mail second = accepted("second", REPORT, "bank-a", "second body");

        mailet.service(first);
        mailet.service(second);

        assertThat(first.getState()).isEqualTo("c4tap-intake");
        assertThat(second.getState()).isEqualTo("c4tap-duplicate");
        assertThat(repository.size()).isEqualTo(1);
        Mail kept = repository.retrieve(new MailKey(REPORT + ".bank-a"));
        assertThat(kept.getMessage().getSubject()).isEqualTo("first body");
        assertThat(Files.readAllLines(directory.resolve("audit.jsonl"))).singleElement().asString()
                .contains("\"event\":\"duplicate_ignored\"").contains(REPORT).contains("bank-a");
    }

    @Test
    void theSameIdFromAnotherProviderDoesNotSilenceTheFirst() throws Exception {
        Mail fromBank = accepted("bank", REPORT, "bank-a", "x");
        Mail fromPower = accepted("power", REPORT, "power-b", "y");

        mailet.service(fromPower);
        mailet.service(fromBank);

        assertThat(fromPower.getState()).isEqualTo("c4tap-intake");
        assertThat(fromBank.getState()).isEqualTo("c4tap-intake");
        assertThat(repository.size()).isEqualTo(2);
    }

    @Test
    void concurrentDeliveriesOfOneReportLetExactlyOneThrough() throws Exception {
        List<Mail> copies = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            copies.add(accepted("copy-" + i, REPORT, "bank-a", "body"));
        }
        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (Mail copy : copies) {
                threads.submit(() -> {
                    mailet.service(copy);
                    return null;
                });
            }
        }
        assertThat(copies).filteredOn(mail -> mail.getState().equals("c4tap-intake")).hasSize(1);
        assertThat(copies).filteredOn(mail -> mail.getState().equals("c4tap-duplicate")).hasSize(15);
        assertThat(repository.size()).isEqualTo(1);
    }

    @Test
    void aReportIsADuplicateOnceMarkedDistributedAndWhileItIsBeingDistributed() throws Exception {
        MarkDistributed mark = markDistributed();
        Mail first = accepted("first", REPORT, "bank-a", "body");
        Mail during = accepted("during", REPORT, "bank-a", "body");
        Mail after = accepted("after", REPORT, "bank-a", "body");

        mailet.service(first);
        mailet.service(during);
        mark.service(first);
        mailet.service(after);

        assertThat(first.getState()).isEqualTo("c4tap-intake");
        assertThat(during.getState()).as("being distributed by this James").isEqualTo("c4tap-duplicate");
        assertThat(after.getState()).isEqualTo("c4tap-duplicate");
        assertThat(state()).isEqualTo("distributed");
    }

    @Test
    void aDistributionCutShortByAStopOfJamesIsDistributedAgainWhenTheSpoolDeliversTheMailAgain() throws Exception {
        Mail first = accepted("first", REPORT, "bank-a", "first body");
        mailet.service(first);
        // what the archive holds after James stopped before MarkDistributed: a claim by another process
        Mail kept = repository.retrieve(new MailKey(REPORT + ".bank-a"));
        kept.setAttribute(new Attribute(ReportArchive.STATE, AttributeValue.of("distributing:an-earlier-process")));
        repository.store(kept);

        Mail again = accepted("first", REPORT, "bank-a", "first body");
        mailet.service(again);
        Mail copy = accepted("copy", REPORT, "bank-a", "first body");
        mailet.service(copy);

        assertThat(again.getState()).isEqualTo("c4tap-intake");
        assertThat(copy.getState()).as("now being distributed by this James").isEqualTo("c4tap-duplicate");
        assertThat(state()).startsWith("distributing:").isNotEqualTo("distributing:an-earlier-process");
        assertThat(repository.retrieve(new MailKey(REPORT + ".bank-a")).getMessage().getSubject()).isEqualTo("first body");
        assertThat(Files.readAllLines(directory.resolve("audit.jsonl"))).first().asString()
                .contains("\"event\":\"distribution_resumed\"").contains(REPORT);
    }

    @Test
    void aReportSentBackFromTheErrorRepositoryGoesThroughWithoutItsOldFailure() throws Exception {
        Mail first = accepted("first", REPORT, "bank-a", "body");
        mailet.service(first);
        MailAttributes.fail(first, "c4tap-error", "recipient_not_reached", "power-b: revoked");
        MailAttributes.addReached(first, "bank-a");

        Mail resent = first.duplicate();
        resent.setState("c4tap-intake");
        mailet.service(resent);

        assertThat(resent.getState()).isEqualTo("c4tap-intake");
        assertThat(MailAttributes.get(resent, MailAttributes.FAILURE_REASON)).isEmpty();
        assertThat(MailAttributes.get(resent, MailAttributes.FAILURE_DETAIL)).isEmpty();
        assertThat(MailAttributes.reached(resent)).as("who it reached stays known").containsExactly("bank-a");
        assertThat(Files.readAllLines(directory.resolve("audit.jsonl"))).singleElement().asString()
                .contains("\"event\":\"distribution_resent\"");

        markDistributed().service(resent);
        Mail resentAgain = first.duplicate();
        resentAgain.setState("c4tap-intake");
        mailet.service(resentAgain);
        assertThat(resentAgain.getState()).as("distributed in full: nothing left to resend").isEqualTo("c4tap-duplicate");
    }

    @Test
    void aReportArchivedBeforeDistributionWasRecordedCountsAsDistributed() throws Exception {
        Mail old = accepted(REPORT + ".bank-a", REPORT, "bank-a", "body");
        repository.store(old);

        Mail again = accepted("again", REPORT, "bank-a", "body");
        mailet.service(again);

        assertThat(again.getState()).isEqualTo("c4tap-duplicate");
    }

    @Test
    void markingAReportThatWasNeverArchivedFails() throws Exception {
        Mail stray = accepted("stray", REPORT, "bank-a", "body");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> markDistributed().service(stray))
                .isInstanceOf(MessagingException.class).hasMessageContaining("not in the archive");
    }

    private MarkDistributed markDistributed() throws MessagingException {
        MarkDistributed mark = new MarkDistributed(new OneRepository(repository));
        mark.init(FakeMailetConfig.builder().mailetName("MarkDistributed").mailetContext(FakeMailContext.defaultContext())
                .setProperty("repositoryPath", "memory://var/mail/c4tap-reports/").build());
        return mark;
    }

    private String state() throws MessagingException {
        return repository.retrieve(new MailKey(REPORT + ".bank-a")).getAttribute(ReportArchive.STATE)
                .map(attribute -> (String) attribute.getValue().getValue()).orElseThrow();
    }

    private static Mail accepted(String name, String reportId, String provider, String body) throws Exception {
        Mail mail = FakeMail.builder().name(name).mimeMessage(Mails.reparse(Mails.suspicious(body, "sealed", null, null)))
                .sender("c4tap-gateway@" + provider + ".example").recipient("intake@council.example").state("c4tap-intake").build();
        MailAttributes.set(mail, MailAttributes.REPORT_ID, reportId);
        MailAttributes.set(mail, MailAttributes.PROVIDER, provider);
        return mail;
    }

    /** The store James would inject, holding one repository. */
    private record OneRepository(MailRepository repository) implements MailRepositoryStore {
        @Override
        public MailRepository select(MailRepositoryUrl url) {
            return repository;
        }

        @Override
        public Optional<Protocol> defaultProtocol() {
            return Optional.of(new Protocol("memory"));
        }

        @Override
        public Optional<MailRepository> get(MailRepositoryUrl url) {
            return Optional.of(repository);
        }

        @Override
        public Stream<MailRepository> getByPath(MailRepositoryPath path) {
            return Stream.of(repository);
        }

        @Override
        public Stream<MailRepositoryUrl> getUrls() {
            return Stream.of(MailRepositoryUrl.from("memory://var/mail/c4tap-reports/"));
        }
    }
}
