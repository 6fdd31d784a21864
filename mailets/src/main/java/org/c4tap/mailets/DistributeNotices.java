package org.c4tap.mailets;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.c4tap.core.audit.AuditLog;
import org.c4tap.core.entity.ReportEntity;
import org.c4tap.core.notice.Distribution;
import org.c4tap.core.notice.Notice;
import org.c4tap.core.notice.Publication;
import org.c4tap.core.registry.Organisation;
import org.c4tap.core.report.Report;
import org.c4tap.core.report.ReportFormatException;
import org.c4tap.core.smime.SealException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Council gateway, step 3: sends every recipient organisation one notice holding exactly the parts
 * its scope allows, rebuilt from those parts, signed by the council and encrypted to that
 * organisation's certificates only (AES-256-CBC, or AES-256-GCM where the registry says every
 * address's client reads it), and only to certificates that validate ({@code trustAnchors},
 * {@code crls}: never to a revoked or expired one). All notices are sealed before the first is
 * sent, so a sealing failure sends none. Each notice sent is written to the audit log.
 *
 * <pre>{@code
 * <mailet match="All" class="org.c4tap.mailets.DistributeNotices">
 *     <keystore>conf/c4tap/council.p12</keystore>
 *     <keystorePasswordFile>conf/c4tap/keystore-password</keystorePasswordFile>
 *     <registry>conf/c4tap/registry.yaml</registry>
 *     <from>c4tap@council.example</from>
 *     <archiveCertificate>conf/c4tap/council-archive.pem</archiveCertificate>   <!-- optional -->
 *     <encryption>aes-256-cbc</encryption>
 *     <rsaKeyTransport>oaep-sha256</rsaKeyTransport>
 *     <auditLog>var/c4tap/audit.jsonl</auditLog>
 *     <trustAnchors>conf/c4tap/ca.pem</trustAnchors>
 *     <crls>conf/c4tap/ca.crl</crls>
 *     <administrator>secretariat@council.example</administrator>   <!-- defaults to the postmaster -->
 *     <publishTo>advisories@public.example</publishTo>             <!-- optional -->
 *     <errorProcessor>c4tap-error</errorProcessor>
 * </mailet>
 * }</pre>
 *
 * It follows {@link OpenReport} (whose attributes it relies on) and opens the sealed report again
 * itself, checking that it is still signed by a certificate the registry pins for the provider
 * {@link OpenReport} accepted. When a recipient could not be reached (no certificate, or none that
 * validates), the others get their notices and the report then goes to {@code errorProcessor} with
 * {@code c4tap.failure.reason} {@code recipient_not_reached} and who was left out: it is kept and
 * the administrator told. No one is ever sent anything in the clear, with one exception that must
 * be asked for: with {@code publishTo}, a report's WHITE parts, rebuilt on their own, also go out
 * clear-signed (not encrypted) to those public addresses; a publication that cannot be signed
 * keeps the report in {@code errorProcessor} as {@code publication_failed}.
 */
public class DistributeNotices extends GenericMailet {

    private static final Logger LOGGER = LoggerFactory.getLogger(DistributeNotices.class);

    static final String PUBLISH_TO = "publishTo";
    /** In {@link MailAttributes#REACHED}: the WHITE parts went to the public addresses (no registry id starts with '*'). */
    private static final String PUBLISHED = "*public";

    private CouncilDispatch dispatch;
    private List<String> publishTo;

    @Override
    public void init() throws MessagingException {
        Set<String> known = new HashSet<>(CouncilDispatch.NAMES);
        known.add(PUBLISH_TO);
        checkInitParameters(known);
        dispatch = CouncilDispatch.read(getMailetConfig(), "aes-256-cbc");
        publishTo = new InitParameters(getMailetConfig()).addresses(PUBLISH_TO);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Optional<CouncilDispatch.Reopened> reopened = dispatch.reopen(mail);
        if (reopened.isEmpty()) {
            return;
        }
        Organisation provider = reopened.get().provider();
        Report report;
        try {
            report = ReportEntity.parse(reopened.get().opened().content());
        } catch (ReportFormatException e) {
            MailAttributes.fail(mail, dispatch.errorProcessor(), "malformed_report", e.getMessage());
            return;
        }
        Distribution distribution;
        try {
            distribution = dispatch.distributor().distribute(report, provider, reopened.get().registry());
        } catch (SealException e) {
            MailAttributes.fail(mail, dispatch.errorProcessor(), "seal_failed", e.getMessage());
            return;
        }
        int sent = 0;
        for (Notice notice : distribution.notices()) {
            Optional<String> messageId = dispatch.sendOnce(mail, notice);
            if (messageId.isPresent()) {
                record(report, provider, notice, messageId.get());
                sent++;
            }
        }
        Optional<String> publicationProblem = publish(mail, report, provider);
        MailAttributes.set(mail, MailAttributes.NOTICES, Integer.toString(sent));
        LOGGER.info("{}: report {} from {}: {} notices sent, {} reached before, {} recipients left out", getMailetName(),
                report.id().value(), provider.id(), sent, distribution.notices().size() - sent, distribution.skipped().size());
        dispatch.announceRefusedFiles();
        if (!distribution.skipped().isEmpty()) {
            // the others have their notices; the report is kept, with who still lacks one, for a resend
            MailAttributes.fail(mail, dispatch.errorProcessor(), "recipient_not_reached", String.join("; ", distribution.skipped()));
        } else if (publicationProblem.isPresent()) {
            MailAttributes.fail(mail, dispatch.errorProcessor(), "publication_failed", publicationProblem.get());
        }
    }

    /**
     * WHITE parts, where the report has any and public addresses are configured: clear-signed, not
     * encrypted. Returns what went wrong, if anything.
     */
    private Optional<String> publish(Mail mail, Report report, Organisation provider) throws MessagingException {
        if (MailAttributes.reached(mail).contains(PUBLISHED)) {
            return Optional.empty();
        }
        Optional<Publication> publication;
        try {
            publication = dispatch.distributor().publish(report, provider, publishTo);
        } catch (SealException e) {
            return Optional.of("the publication to " + publishTo + " could not be signed: " + e.getMessage());
        }
        if (publication.isEmpty()) {
            return Optional.empty();
        }
        String messageId = dispatch.send(publication.get().addresses(), publication.get().signed());
        MailAttributes.addReached(mail, PUBLISHED);
        LOGGER.info("{}: report {}: {} WHITE part(s) published to {} address(es)", getMailetName(), report.id().value(),
                publication.get().parts().size(), publication.get().addresses().size());
        if (dispatch.audit().isPresent()) {
            AuditLog audit = dispatch.audit().get();
            try {
                audit.recordPublication(report.id().value(), provider.id(), publication.get(), messageId, Instant.now());
            } catch (IOException e) {
                throw new MessagingException("cannot write the audit log " + audit.file() + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    private void record(Report report, Organisation provider, Notice notice, String messageId) throws MessagingException {
        if (dispatch.audit().isEmpty()) {
            return;
        }
        AuditLog audit = dispatch.audit().get();
        try {
            audit.recordDelivery(report.id().value(), provider.id(), notice, report.scopes().asMap(), messageId, Instant.now());
        } catch (IOException e) {
            throw new MessagingException("cannot write the audit log " + audit.file() + ": " + e.getMessage());
        }
    }

    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        return List.of(new ProcessingState(dispatch.errorProcessor()));
    }

    @Override
    public String getMailetInfo() {
        return "C4TAP DistributeNotices: one sealed notice per recipient organisation, holding only the parts its scope allows";
    }
}
