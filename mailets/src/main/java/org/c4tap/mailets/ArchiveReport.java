package org.c4tap.mailets;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.lifecycle.api.LifecycleUtil;
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
 * repeated report goes to {@code duplicateProcessor}.
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
 */
public class ArchiveReport extends GenericMailet {

    private static final Logger LOGGER = LoggerFactory.getLogger(ArchiveReport.class);

    static final String REPOSITORY_PATH = "repositoryPath";
    static final String DUPLICATE_PROCESSOR = "duplicateProcessor";
    static final String AUDIT_LOG = "auditLog";

    private static final ConcurrentHashMap<String, Object> IN_FLIGHT = new ConcurrentHashMap<>();

    private final MailRepositoryStore repositories;
    private MailRepository repository;
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
            repository = repositories.select(MailRepositoryUrl.from(path));
        } catch (Exception e) {
            throw parameters.error("cannot open the repository " + path + ": " + e.getMessage());
        }
        duplicateProcessor = parameters.optional(DUPLICATE_PROCESSOR, "c4tap-duplicate");
        String log = parameters.optional(AUDIT_LOG, null);
        audit = log == null ? Optional.empty() : Optional.of(new AuditLog(ServerFiles.resolve(log)));
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        String reportId = MailAttributes.get(mail, MailAttributes.REPORT_ID).orElseThrow(() ->
                new MessagingException("no c4tap.report.id attribute: ArchiveReport must follow OpenReport"));
        String provider = MailAttributes.get(mail, MailAttributes.PROVIDER).orElseThrow(() ->
                new MessagingException("no c4tap.provider attribute: ArchiveReport must follow OpenReport"));
        String key = reportId + "." + provider;
        Object lock = IN_FLIGHT.computeIfAbsent(key, ignored -> new Object());
        try {
            synchronized (lock) {
                if (repository.retrieve(new MailKey(key)) != null) {
                    mail.setState(duplicateProcessor);
                    LOGGER.info("{}: report {} from {} seen before: set aside (mail {})", getMailetName(), reportId, provider, mail.getName());
                    recordDuplicate(reportId, provider);
                    return;
                }
                Mail copy = mail.duplicate();
                try {
                    copy.setName(key);
                    repository.store(copy);
                } finally {
                    // the repository keeps its own copy; James reports one left undisposed as leaked
                    LifecycleUtil.dispose(copy);
                }
            }
        } finally {
            IN_FLIGHT.remove(key, lock);
        }
    }

    private void recordDuplicate(String reportId, String provider) {
        audit.ifPresent(log -> {
            try {
                log.recordDuplicate(reportId, provider, Instant.now());
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
