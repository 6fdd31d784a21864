package org.c4tap.mailets;

import jakarta.mail.MessagingException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.c4tap.core.entity.ReportEntity;
import org.c4tap.core.registry.Organisation;
import org.c4tap.core.registry.RegistryFile;
import org.c4tap.core.report.Report;
import org.c4tap.core.report.ReportFormatException;
import org.c4tap.core.smime.OpenFailure;
import org.c4tap.core.smime.Opened;
import org.c4tap.core.smime.Opener;
import org.c4tap.core.smime.SealingProfile;
import org.c4tap.core.trust.ParticipantTrust;

/**
 * Council gateway, step 1: decrypts a sealed report with the council's key, verifies its
 * signature, and accepts it only when the signer's certificate is the one the registry pins for an
 * active organisation. The mail then carries the plaintext report (inside the council's gateway
 * only) and the attributes {@code c4tap.report.id} and {@code c4tap.provider}.
 *
 * <pre>{@code
 * <mailet match="All" class="org.c4tap.mailets.OpenReport">
 *     <keystore>conf/c4tap/council.p12</keystore>
 *     <keystorePasswordFile>conf/c4tap/keystore-password</keystorePasswordFile>
 *     <registry>conf/c4tap/registry.yaml</registry>
 *     <minimumEncryption>aes-256-gcm</minimumEncryption>   <!-- aes-256-cbc also accepts CBC -->
 *     <errorProcessor>c4tap-quarantine</errorProcessor>
 * </mailet>
 * }</pre>
 *
 * Anything else (cannot decrypt, bad or missing signature, unknown or inactive signer, malformed
 * report) goes, still sealed, to {@code errorProcessor} with {@code c4tap.failure.reason}.
 */
public class OpenReport extends GenericMailet {

    static final String ERROR_PROCESSOR = "errorProcessor";
    static final String MINIMUM_ENCRYPTION = "minimumEncryption";

    private Opener opener;
    private RegistryFile registry;
    private String errorProcessor;

    @Override
    public void init() throws MessagingException {
        Set<String> known = new HashSet<>(KeyParameters.NAMES);
        known.addAll(Set.of(RegistryParameter.REGISTRY, ERROR_PROCESSOR, MINIMUM_ENCRYPTION));
        checkInitParameters(known);
        InitParameters parameters = new InitParameters(getMailetConfig());
        opener = new Opener(KeyParameters.load(getMailetConfig()),
                parameters.parsed(MINIMUM_ENCRYPTION, "aes-256-gcm", SealingProfile.ContentEncryption::parse));
        registry = RegistryParameter.open(parameters);
        errorProcessor = parameters.optional(ERROR_PROCESSOR, "c4tap-quarantine");
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Opened opened;
        Organisation provider;
        Report report;
        try {
            opened = opener.open(mail.getMessage());
            provider = ParticipantTrust.provider(opened, registry.current());
            report = ReportEntity.parse(opened.content());
        } catch (OpenFailure failure) {
            MailAttributes.fail(mail, errorProcessor, failure.reason().key(), failure.getMessage());
            return;
        } catch (ReportFormatException e) {
            MailAttributes.fail(mail, errorProcessor, OpenFailure.Reason.MALFORMED_REPORT.key(), e.getMessage());
            return;
        }
        mail.setMessage(ReportEntity.toMessage(report));
        MailAttributes.set(mail, MailAttributes.REPORT_ID, report.id().value());
        MailAttributes.set(mail, MailAttributes.PROVIDER, provider.id());
    }

    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        return List.of(new ProcessingState(errorProcessor));
    }

    @Override
    public String getMailetInfo() {
        return "C4TAP OpenReport: decrypts, verifies and accepts reports from registered gateways only";
    }
}
