package org.c4tap.mailets;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.c4tap.core.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Council gateway, step 2: keeps each accepted report, sealed as it arrived, in a mail repository
 * under its provider and report id ({@code C4TAP-20261126-7K3M9Q2XWD.bank-a}), and lets each
 * through once. The key includes the provider so that one participant cannot silence another's
 * report by sending a report with the same id first. The repository is the record of what
 * was accepted, so relays that deliver a report twice (RemoteDelivery retries after a lost reply)
 * produce one set of notices — also on James distributed, where the repository is shared. A
 * repeated report goes to {@code duplicateProcessor}; but only once {@link MarkDistributed} has
 * recorded it distributed, or while this James distributes it: a report whose distribution was
 * cut short by a stop of James, or kept in the error repository and sent through again, is let
 * through (see {@link ReportArchive}).
 *
 * <pre>{@code
 * <mailet match="All" class="org.c4tap.mailets.ArchiveReport">
 *     <repositoryPath>file://var/mail/c4tap-reports/</repositoryPath>   <!-- cassandra:// or blob:// on James distributed -->
 *     <duplicateProcessor>c4tap-duplicate</duplicateProcessor>
 *     <auditLog>var/c4tap/audit.jsonl</auditLog>                            <!-- optional -->
 * </mailet>
 * }</pre>
 *
 * Within one James the check and the store happen under a lock per report id; two cluster nodes
 * receiving the same report at the same instant could both let it through, which the relays'
 * retry timing makes unlikely but not impossible.
 *
 * <p>{@code MarkDistributed} must follow the distributing mailet with the same
 * {@code repositoryPath}; without it a copy of a report that arrives after a restart of James is
 * distributed again.
 */
public class ArchiveReport extends GenericMailet {

    private static final Logger LOGGER = LoggerFactory.getLogger(ArchiveReport.class);

    static final String REPOSITORY_PATH = "repositoryPath";
    static final String DUPLICATE_PROCESSOR = "duplicateProcessor";
    static final String AUDIT_LOG = "auditLog";

    private final MailRepositoryStore repositories;
    private ReportArchive archive;
    private String duplicateProcessor;
    private Optional<AuditLog> audit;

    @Inject
    public ArchiveReport(MailRepositoryStore repositories) {
        this.repositories = repositories;
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of(REPOSITORY_PATH, DUPLICATE_PROCESSOR, AUDIT_LOG));
        InitParameters parameters = new InitParameters(getMailetConfig());
        String path = parameters.required(REPOSITORY_PATH);
        try {
            archive = new ReportArchive(repositories.select(MailRepositoryUrl.from(path)));
        } catch (Exception e) {
            throw parameters.error("cannot open the repository " + path + ": " + e.getMessage());
        }
        duplicateProcessor = parameters.optional(DUPLICATE_PROCESSOR, "c4tap-duplicate");
        String log = parameters.optional(AUDIT_LOG, null);
        audit = log == null ? Optional.empty() : Optional.of(new AuditLog(ServerFiles.resolve(log)));
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        String key = ReportArchive.key(mail, "ArchiveReport");
        String reportId = MailAttributes.get(mail, MailAttributes.REPORT_ID).orElseThrow();
        String provider = MailAttributes.get(mail, MailAttributes.PROVIDER).orElseThrow();
        switch (archive.admit(mail, key)) {
            case FIRST -> {
            }
            case DUPLICATE -> {
                mail.setState(duplicateProcessor);
                LOGGER.info("{}: report {} from {} seen before: set aside (mail {})", getMailetName(), reportId, provider, mail.getName());
                record(log -> log.recordDuplicate(reportId, provider, Instant.now()));
            }
            case RESUMED -> {
                LOGGER.warn("{}: report {} from {} was being distributed when James stopped: distributed again (mail {})",
                        getMailetName(), reportId, provider, mail.getName());
                record(log -> log.recordResumed(reportId, provider, Instant.now()));
            }
            case RESENT -> {
                LOGGER.info("{}: report {} from {} sent again after {}: distributed to whom it has not reached (mail {})",
                        getMailetName(), reportId, provider, MailAttributes.get(mail, MailAttributes.FAILURE_REASON).orElseThrow(),
                        mail.getName());
                mail.removeAttribute(MailAttributes.FAILURE_REASON);
                mail.removeAttribute(MailAttributes.FAILURE_DETAIL);
                record(log -> log.recordResent(reportId, provider, Instant.now()));
            }
        }
    }

    private interface AuditEntry {
        void writeTo(AuditLog log) throws IOException;
    }

    private void record(AuditEntry entry) {
        audit.ifPresent(log -> {
            try {
                entry.writeTo(log);
            } catch (IOException e) {
                throw new IllegalStateException("cannot write the audit log " + log.file() + ": " + e.getMessage(), e);
            }
        });
    }

    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        return List.of(new ProcessingState(duplicateProcessor));
    }

    @Override
    public String getMailetInfo() {
        return "C4TAP ArchiveReport: keeps each report once, sealed, under its report id";
    }
}
