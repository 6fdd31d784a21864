package org.c4tap.mailets;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.c4tap.core.alert.AdministratorNotice;
import org.c4tap.core.audit.AuditLog;
import org.c4tap.core.entity.ReportEntity;
import org.c4tap.core.notice.Distribution;
import org.c4tap.core.notice.Distributor;
import org.c4tap.core.notice.Notice;
import org.c4tap.core.registry.Organisation;
import org.c4tap.core.registry.Registry;
import org.c4tap.core.registry.RegistryFile;
import org.c4tap.core.report.Report;
import org.c4tap.core.report.ReportFormatException;
import org.c4tap.core.smime.OpenFailure;
import org.c4tap.core.smime.Opened;
import org.c4tap.core.smime.Opener;
import org.c4tap.core.smime.SealException;
import org.c4tap.core.smime.Sealer;
import org.c4tap.core.smime.SealingProfile;
import org.c4tap.core.trust.ParticipantTrust;
import org.c4tap.core.trust.TrustFiles;
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
 *     <errorProcessor>c4tap-error</errorProcessor>
 * </mailet>
 * }</pre>
 *
 * It follows {@link OpenReport} (whose attributes it relies on) and opens the sealed report again
 * itself, checking that it is still signed by a certificate the registry pins for the provider
 * {@link OpenReport} accepted. When a recipient could not be reached (no certificate, or none that
 * validates), the others get their notices and the report then goes to {@code errorProcessor} with
 * {@code c4tap.failure.reason} {@code recipient_not_reached} and who was left out: it is kept and
 * the administrator told. No one is ever sent anything in the clear.
 */
public class DistributeNotices extends GenericMailet {

    private static final Logger LOGGER = LoggerFactory.getLogger(DistributeNotices.class);

    static final String FROM = "from";
    static final String ARCHIVE_CERTIFICATE = "archiveCertificate";
    static final String RSA_KEY_TRANSPORT = "rsaKeyTransport";
    static final String RSA_SIGNATURE = "rsaSignature";
    static final String ENCRYPTION = "encryption";
    static final String AUDIT_LOG = "auditLog";
    static final String ADMINISTRATOR = "administrator";
    static final String ERROR_PROCESSOR = "errorProcessor";

    private Opener opener;
    private Distributor distributor;
    private RegistryFile registry;
    private MailAddress from;
    private AddressOrPostmaster administrator;
    private Optional<AuditLog> audit;
    private Optional<TrustFiles> trust;
    private String errorProcessor;

    @Override
    public void init() throws MessagingException {
        Set<String> known = new HashSet<>(KeyParameters.NAMES);
        known.addAll(TrustParameters.NAMES);
        known.addAll(Set.of(RegistryParameter.REGISTRY, FROM, ARCHIVE_CERTIFICATE, RSA_KEY_TRANSPORT, RSA_SIGNATURE, ENCRYPTION,
                AUDIT_LOG, ADMINISTRATOR, ERROR_PROCESSOR));
        checkInitParameters(known);
        InitParameters parameters = new InitParameters(getMailetConfig());
        from = parameters.address(FROM);
        List<X509Certificate> archive = parameters.optional(ARCHIVE_CERTIFICATE, null) == null
                ? List.of() : parameters.certificates(ARCHIVE_CERTIFICATE);
        SealingProfile profile = new SealingProfile(
                parameters.parsed(ENCRYPTION, "aes-256-cbc", SealingProfile.ContentEncryption::parse),
                parameters.parsed(RSA_KEY_TRANSPORT, "oaep-sha256", SealingProfile.RsaKeyTransport::parse),
                parameters.parsed(RSA_SIGNATURE, "pkcs1-v1_5", SealingProfile.RsaSignature::parse));
        var key = KeyParameters.load(getMailetConfig());
        opener = new Opener(key);
        Distributor plain = new Distributor(new Sealer(key, profile), from.asString(), archive);
        trust = TrustParameters.read(parameters, getMailetName());
        distributor = trust.map(plain::validatingRecipients).orElse(plain);
        registry = RegistryParameter.open(parameters);
        String log = parameters.optional(AUDIT_LOG, null);
        audit = log == null ? Optional.empty() : Optional.of(new AuditLog(ServerFiles.resolve(log)));
        administrator = AddressOrPostmaster.read(parameters, ADMINISTRATOR, getMailetContext());
        errorProcessor = parameters.optional(ERROR_PROCESSOR, "c4tap-error");
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Registry current = registry.current();
        Optional<String> providerId = MailAttributes.get(mail, MailAttributes.PROVIDER);
        Optional<Organisation> provider = providerId.flatMap(current::byId);
        if (provider.isEmpty()) {
            MailAttributes.fail(mail, errorProcessor, "unknown_provider",
                    "the report has no registered provider; DistributeNotices must follow OpenReport");
            return;
        }
        Report report;
        try {
            Opened opened = opener.open(mail.getMessage());
            Organisation signer = ParticipantTrust.provider(opened, current);
            if (!signer.id().equals(provider.get().id())) {
                MailAttributes.fail(mail, errorProcessor, "unknown_signer", "the report is signed for '" + signer.id()
                        + "', not for the accepted provider '" + provider.get().id() + "'");
                return;
            }
            report = ReportEntity.parse(opened.content());
        } catch (OpenFailure failure) {
            MailAttributes.fail(mail, errorProcessor, failure.reason().key(), failure.getMessage());
            return;
        } catch (ReportFormatException e) {
            MailAttributes.fail(mail, errorProcessor, "malformed_report", e.getMessage());
            return;
        }
        Distribution distribution;
        try {
            distribution = distributor.distribute(report, provider.get(), current);
        } catch (SealException e) {
            MailAttributes.fail(mail, errorProcessor, "seal_failed", e.getMessage());
            return;
        }
        for (Notice notice : distribution.notices()) {
            List<MailAddress> recipients = new ArrayList<>();
            for (String address : notice.addresses()) {
                recipients.add(new MailAddress(address));
            }
            MimeMessage sealed = notice.sealed();
            getMailetContext().sendMail(from, recipients, sealed);
            record(report, provider.get(), notice, sealed);
        }
        MailAttributes.set(mail, MailAttributes.NOTICES, Integer.toString(distribution.notices().size()));
        LOGGER.info("{}: report {} from {}: {} notices sent, {} recipients left out", getMailetName(), report.id().value(),
                provider.get().id(), distribution.notices().size(), distribution.skipped().size());
        announceRefusedFiles();
        if (!distribution.skipped().isEmpty()) {
            // the others have their notices; the report is kept, with who still lacks one, for a resend
            MailAttributes.fail(mail, errorProcessor, "recipient_not_reached", String.join("; ", distribution.skipped()));
        }
    }

    private void announceRefusedFiles() throws MessagingException {
        Optional<String> registryProblem = registry.newRefusal();
        if (registryProblem.isPresent()) {
            notifyAdministrator("registry_refused", registryProblem.get(), "-", "", registry.path() + " (the previous version stays in force)");
        }
        Optional<String> trustProblem = trust.flatMap(TrustFiles::newRefusal);
        if (trustProblem.isPresent()) {
            notifyAdministrator("trust_files_refused", trustProblem.get(), "-", "",
                    trust.get().files() + " (the previous version stays in force)");
        }
    }

    private void record(Report report, Organisation provider, Notice notice, MimeMessage sealed) throws MessagingException {
        if (audit.isEmpty()) {
            return;
        }
        String[] messageId = sealed.getHeader("Message-ID");
        try {
            audit.get().recordDelivery(report.id().value(), provider.id(), notice, report.scopes().asMap(),
                    messageId == null ? "" : messageId[0], Instant.now());
        } catch (IOException e) {
            throw new MessagingException("cannot write the audit log " + audit.get().file() + ": " + e.getMessage());
        }
    }

    private void notifyAdministrator(String reason, String detail, String mailName, String reportId, String repository)
            throws MessagingException {
        AdministratorNotice notice = new AdministratorNotice(reason, detail, mailName, reportId, repository);
        MailAddress to = administrator.get();
        getMailetContext().sendMail(from, List.of(to), notice.compose(from.asString(), to.asString()));
    }

    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        return List.of(new ProcessingState(errorProcessor));
    }

    @Override
    public String getMailetInfo() {
        return "C4TAP DistributeNotices: one sealed notice per recipient organisation, holding only the parts its scope allows";
    }
}
