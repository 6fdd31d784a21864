package org.c4tap.mailets;

import java.util.Optional;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mail attributes our mailets set and read. Every value is a plain string, so attributes
 * survive James distributed's JSON serialisation; none holds mail content or key material. The
 * names are a contract: processors and matchers route on them.
 */
public final class MailAttributes {

    /** The id of the report the mail carries. */
    public static final AttributeName REPORT_ID = AttributeName.of("c4tap.report.id");
    /** At the council: the registry id of the organisation that provided the report. */
    public static final AttributeName PROVIDER = AttributeName.of("c4tap.provider");
    /** Why the mail was stopped, machine-readable (such as {@code unknown_signer}). */
    public static final AttributeName FAILURE_REASON = AttributeName.of("c4tap.failure.reason");
    /** What failed, one sentence without content. */
    public static final AttributeName FAILURE_DETAIL = AttributeName.of("c4tap.failure.detail");
    /** Why a submission was refused, a {@code Rejection.Reason} key. */
    public static final AttributeName REJECTION = AttributeName.of("c4tap.rejection");
    /** At the operator: the plain Message-ID of the employee's submission, which the acknowledgement replies to. */
    public static final AttributeName SUBMISSION_ID = AttributeName.of("c4tap.submission.id");
    /** At the council: how many notices a report became. */
    public static final AttributeName NOTICES = AttributeName.of("c4tap.notices");
    /**
     * At the council: the registry ids of the organisations this mail's notices already reached,
     * comma-separated, so that a resend from the error repository reaches only those left out.
     */
    public static final AttributeName REACHED = AttributeName.of("c4tap.reached");
    /**
     * The name under which an error processor last kept the mail (the repository key), so that a
     * mail coming back from the repository is recognised and kept again under a new one.
     */
    public static final AttributeName KEPT_AS = AttributeName.of("c4tap.kept.as");
    /** {@value #SAMPLES} on a mail that carries a report's samples rather than the report. */
    public static final AttributeName KIND = AttributeName.of("c4tap.kind");
    public static final String SAMPLES = "samples";

    private static final Logger LOGGER = LoggerFactory.getLogger(MailAttributes.class);

    private MailAttributes() {
    }

    public static void set(Mail mail, AttributeName name, String value) {
        mail.setAttribute(new Attribute(name, AttributeValue.of(value)));
    }

    public static Optional<String> get(Mail mail, AttributeName name) {
        return mail.getAttribute(name)
                .map(attribute -> attribute.getValue().getValue())
                .filter(String.class::isInstance)
                .map(String.class::cast);
    }

    /** The organisations recorded in {@link #REACHED}. */
    public static java.util.Set<String> reached(Mail mail) {
        return get(mail, REACHED).filter(value -> !value.isEmpty())
                .map(value -> java.util.Set.of(value.split(",")))
                .orElse(java.util.Set.of());
    }

    /** Adds one organisation (a registry id, which never holds a comma) to {@link #REACHED}. */
    public static void addReached(Mail mail, String organisation) {
        String before = get(mail, REACHED).orElse("");
        set(mail, REACHED, before.isEmpty() ? organisation : before + "," + organisation);
    }

    /** Marks the mail as failed and sends it to {@code processor}. */
    public static void fail(Mail mail, String processor, String reason, String detail) {
        // the detail names certificates, files and limits, never content: safe to log
        LOGGER.warn("C4TAP mail {} stopped ({}), to {}: {}", mail.getName(), reason, processor, detail);
        set(mail, FAILURE_REASON, reason);
        set(mail, FAILURE_DETAIL, detail);
        mail.setState(processor);
    }
}
