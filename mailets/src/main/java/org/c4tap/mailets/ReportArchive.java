package org.c4tap.mailets;

import jakarta.mail.MessagingException;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

/**
 * The council's archive of accepted reports, one entry per provider and report id, and the record
 * of how far each got: {@code distributing} from the moment {@link ArchiveReport} lets it through,
 * {@code distributed} once {@link MarkDistributed} sees every notice queued. Only a distributed
 * report, or one another thread of this James is distributing now, is a duplicate: a report whose
 * distribution was cut short (James stopped mid-way, so its spool delivers the mail again; or the
 * secretariat resends it from the error repository) goes through again.
 */
final class ReportArchive {

    /** On the archived mail: {@code distributed}, or {@code distributing:<process>}. */
    static final AttributeName STATE = AttributeName.of("c4tap.archive.state");
    private static final String DISTRIBUTED = "distributed";
    private static final String DISTRIBUTING = "distributing:";
    /** One per James process: a distribution claimed by another one was interrupted by a restart. */
    private static final String PROCESS = UUID.randomUUID().toString();
    /** Per key, so that one report's check and store are not interleaved with another thread's. */
    private static final ConcurrentHashMap<String, Object> LOCKS = new ConcurrentHashMap<>();

    /** What {@link #admit} decided. */
    enum Admission {
        /** Never seen: archived, to be distributed. */
        FIRST,
        /** Distributed already, or being distributed by this James now. */
        DUPLICATE,
        /** Its distribution was cut short by a restart of James: distributed again. */
        RESUMED,
        /** Kept in the error repository by a failed distribution and sent through again. */
        RESENT
    }

    private final MailRepository repository;

    ReportArchive(MailRepository repository) {
        this.repository = repository;
    }

    /** The archive key of an accepted mail: {@code <report id>.<provider>}. */
    static String key(Mail mail, String mailet) throws MessagingException {
        String reportId = MailAttributes.get(mail, MailAttributes.REPORT_ID).orElseThrow(() ->
                new MessagingException("no c4tap.report.id attribute: " + mailet + " must follow OpenReport"));
        String provider = MailAttributes.get(mail, MailAttributes.PROVIDER).orElseThrow(() ->
                new MessagingException("no c4tap.provider attribute: " + mailet + " must follow OpenReport"));
        return reportId + "." + provider;
    }

    /**
     * Archives {@code mail} (as received) on its first arrival and decides whether it is to be
     * distributed. A mail that carries a failure reason is one the secretariat sent back through
     * from the error repository: mail attributes are set by our mailets only, never by a sender.
     */
    Admission admit(Mail mail, String key) throws MessagingException {
        Object lock = LOCKS.computeIfAbsent(key, ignored -> new Object());
        try {
            synchronized (lock) {
                Mail kept = repository.retrieve(new MailKey(key));
                if (kept == null) {
                    store(mail, key);
                    return Admission.FIRST;
                }
                try {
                    String state = state(kept);
                    if (state.equals(DISTRIBUTED)) {
                        return Admission.DUPLICATE;
                    }
                    if (!state.equals(DISTRIBUTING + PROCESS)) {
                        claim(kept);
                        return Admission.RESUMED;
                    }
                    return MailAttributes.get(mail, MailAttributes.FAILURE_REASON).isPresent()
                            ? Admission.RESENT : Admission.DUPLICATE;
                } finally {
                    LifecycleUtil.dispose(kept);
                }
            }
        } finally {
            LOCKS.remove(key, lock);
        }
    }

    /** Records that every notice of the report under {@code key} was queued. */
    void markDistributed(String key) throws MessagingException {
        Object lock = LOCKS.computeIfAbsent(key, ignored -> new Object());
        try {
            synchronized (lock) {
                Mail kept = repository.retrieve(new MailKey(key));
                if (kept == null) {
                    throw new MessagingException("report " + key + " is not in the archive: MarkDistributed must follow ArchiveReport");
                }
                try {
                    kept.setAttribute(new Attribute(STATE, AttributeValue.of(DISTRIBUTED)));
                    repository.store(kept);
                } finally {
                    LifecycleUtil.dispose(kept);
                }
            }
        } finally {
            LOCKS.remove(key, lock);
        }
    }

    private void store(Mail mail, String key) throws MessagingException {
        Mail copy = mail.duplicate();
        try {
            copy.setName(key);
            copy.setAttribute(new Attribute(STATE, AttributeValue.of(DISTRIBUTING + PROCESS)));
            repository.store(copy);
        } finally {
            // the repository keeps its own copy; James reports one left undisposed as leaked
            LifecycleUtil.dispose(copy);
        }
    }

    private void claim(Mail kept) throws MessagingException {
        kept.setAttribute(new Attribute(STATE, AttributeValue.of(DISTRIBUTING + PROCESS)));
        repository.store(kept);
    }

    /** Reports archived before distribution was recorded carry no state: they were distributed. */
    private static String state(Mail kept) {
        return kept.getAttribute(STATE).map(attribute -> attribute.getValue().getValue())
                .filter(String.class::isInstance).map(String.class::cast).orElse(DISTRIBUTED);
    }
}
