package org.c4tap.mailets;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.c4tap.core.audit.AuditLog;
import org.c4tap.core.notice.Notice;
import org.c4tap.core.notice.SampleDistribution;
import org.c4tap.core.registry.Organisation;
import org.c4tap.core.report.ReportFormatException;
import org.c4tap.core.sample.SampleEntity;
import org.c4tap.core.sample.SampleParcel;
import org.c4tap.core.smime.SealException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Council gateway, samples step: sends a report's samples (the attachments themselves, in a zip
 * with the password {@code infected}) to every active analyst organisation of the registry, and to
 * no one else: not the provider, not the secretariat, not the council's archive certificate. Each
 * analyst organisation gets the parcel signed by the council and encrypted to its own
 * certificates (that validate). Each parcel sent is written to the audit log with the samples'
 * SHA-256, never their names or bytes.
 *
 * <pre>{@code
 * <mailet match="All" class="org.c4tap.mailets.DistributeSamples">
 *     <keystore>conf/c4tap/council.p12</keystore>
 *     <keystorePasswordFile>conf/c4tap/keystore-password</keystorePasswordFile>
 *     <registry>conf/c4tap/registry.yaml</registry>
 *     <from>c4tap@council.example</from>
 *     <encryption>aes-256-cbc</encryption>
 *     <auditLog>var/c4tap/audit.jsonl</auditLog>
 *     <trustAnchors>conf/c4tap/ca.pem</trustAnchors>
 *     <crls>conf/c4tap/ca.crl</crls>
 *     <administrator>secretariat@council.example</administrator>
 *     <errorProcessor>c4tap-error</errorProcessor>
 * </mailet>
 * }</pre>
 *
 * It follows {@link OpenReport} with {@code <kind>samples</kind>} and {@link ArchiveReport}, takes
 * the same parameters as {@link DistributeNotices} ({@code archiveCertificate} is accepted and
 * not used), and opens the parcel again itself. When an analyst organisation cannot be reached,
 * or the registry names none, the parcel goes to {@code errorProcessor} with
 * {@code recipient_not_reached}, kept sealed for a resend, and the administrator is told.
 */
public class DistributeSamples extends GenericMailet {

    private static final Logger LOGGER = LoggerFactory.getLogger(DistributeSamples.class);

    private CouncilDispatch dispatch;

    @Override
    public void init() throws MessagingException {
        checkInitParameters(CouncilDispatch.NAMES);
        dispatch = CouncilDispatch.read(getMailetConfig(), "aes-256-cbc");
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Optional<CouncilDispatch.Reopened> reopened = dispatch.reopen(mail);
        if (reopened.isEmpty()) {
            return;
        }
        Organisation provider = reopened.get().provider();
        SampleParcel parcel;
        try {
            parcel = SampleEntity.parse(reopened.get().opened().content());
        } catch (ReportFormatException e) {
            MailAttributes.fail(mail, dispatch.errorProcessor(), "malformed_samples", e.getMessage());
            return;
        }
        SampleDistribution distribution;
        try {
            distribution = dispatch.distributor().distributeSamples(parcel, reopened.get().registry());
        } catch (SealException e) {
            MailAttributes.fail(mail, dispatch.errorProcessor(), "seal_failed", e.getMessage());
            return;
        }
        int sent = 0;
        for (Notice notice : distribution.notices()) {
            Optional<String> messageId = dispatch.sendOnce(mail, notice);
            if (messageId.isPresent()) {
                record(parcel, provider, notice, messageId.get());
                sent++;
            }
        }
        MailAttributes.set(mail, MailAttributes.NOTICES, Integer.toString(sent));
        LOGGER.info("{}: samples of report {} from {}: {} parcels sent to analysts, {} reached before, {} left out", getMailetName(),
                parcel.reportId().value(), provider.id(), sent, distribution.notices().size() - sent, distribution.skipped().size());
        dispatch.announceRefusedFiles();
        if (!distribution.skipped().isEmpty()) {
            MailAttributes.fail(mail, dispatch.errorProcessor(), "recipient_not_reached", String.join("; ", distribution.skipped()));
        }
    }

    private void record(SampleParcel parcel, Organisation provider, Notice notice, String messageId) throws MessagingException {
        if (dispatch.audit().isEmpty()) {
            return;
        }
        AuditLog audit = dispatch.audit().get();
        try {
            audit.recordSamples(parcel.reportId().value(), provider.id(), notice, parcel.entries(), messageId, Instant.now());
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
        return "C4TAP DistributeSamples: a report's samples, sealed to the analyst organisations and no one else";
    }
}
