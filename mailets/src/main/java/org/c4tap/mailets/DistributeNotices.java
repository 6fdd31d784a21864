package org.c4tap.mailets;

import jakarta.mail.MessagingException;
import java.security.cert.X509Certificate;
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
import org.c4tap.core.entity.ReportEntity;
import org.c4tap.core.notice.Distribution;
import org.c4tap.core.notice.Distributor;
import org.c4tap.core.notice.Notice;
import org.c4tap.core.registry.Organisation;
import org.c4tap.core.registry.Registry;
import org.c4tap.core.registry.RegistryFile;
import org.c4tap.core.report.Report;
import org.c4tap.core.report.ReportFormatException;
import org.c4tap.core.smime.SealException;
import org.c4tap.core.smime.Sealer;
import org.c4tap.core.smime.SealingProfile;

/**
 * Council gateway, step 2: sends every recipient organisation one notice holding exactly the parts
 * its scope allows, signed by the council and encrypted to that organisation's certificates. All
 * notices are sealed before the first is sent, so a sealing failure sends none.
 *
 * <pre>{@code
 * <mailet match="All" class="org.c4tap.mailets.DistributeNotices">
 *     <keystore>conf/c4tap/council.p12</keystore>
 *     <keystorePasswordFile>conf/c4tap/keystore-password</keystorePasswordFile>
 *     <registry>conf/c4tap/registry.yaml</registry>
 *     <from>c4tap@council.example</from>
 *     <archiveCertificate>conf/c4tap/council-archive.pem</archiveCertificate>   <!-- optional -->
 *     <encryption>aes-256-cbc</encryption>      <!-- what mail clients read; GCM per address via the registry -->
 *     <rsaKeyTransport>oaep-sha256</rsaKeyTransport>
 *     <errorProcessor>c4tap-error</errorProcessor>
 * </mailet>
 * }</pre>
 *
 * It expects the attributes set by {@link OpenReport}. Recipients left out for want of a
 * certificate are reported to the postmaster; they are never sent anything in the clear.
 */
public class DistributeNotices extends GenericMailet {

    static final String FROM = "from";
    static final String ARCHIVE_CERTIFICATE = "archiveCertificate";
    static final String RSA_KEY_TRANSPORT = "rsaKeyTransport";
    static final String RSA_SIGNATURE = "rsaSignature";
    static final String ENCRYPTION = "encryption";
    static final String ERROR_PROCESSOR = "errorProcessor";

    private Distributor distributor;
    private RegistryFile registry;
    private MailAddress from;
    private String errorProcessor;

    @Override
    public void init() throws MessagingException {
        Set<String> known = new HashSet<>(KeyParameters.NAMES);
        known.addAll(Set.of(RegistryParameter.REGISTRY, FROM, ARCHIVE_CERTIFICATE, RSA_KEY_TRANSPORT, RSA_SIGNATURE, ENCRYPTION,
                ERROR_PROCESSOR));
        checkInitParameters(known);
        InitParameters parameters = new InitParameters(getMailetConfig());
        from = parameters.address(FROM);
        List<X509Certificate> archive = parameters.optional(ARCHIVE_CERTIFICATE, null) == null
                ? List.of() : parameters.certificates(ARCHIVE_CERTIFICATE);
        SealingProfile profile = new SealingProfile(
                parameters.parsed(ENCRYPTION, "aes-256-cbc", SealingProfile.ContentEncryption::parse),
                parameters.parsed(RSA_KEY_TRANSPORT, "oaep-sha256", SealingProfile.RsaKeyTransport::parse),
                parameters.parsed(RSA_SIGNATURE, "pkcs1-v1_5", SealingProfile.RsaSignature::parse));
        Sealer sealer = new Sealer(KeyParameters.load(getMailetConfig()), profile);
        distributor = new Distributor(sealer, from.asString(), archive);
        registry = RegistryParameter.open(parameters);
        errorProcessor = parameters.optional(ERROR_PROCESSOR, "c4tap-error");
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Registry current = registry.current();
        Optional<Organisation> provider = MailAttributes.get(mail, MailAttributes.PROVIDER).flatMap(current::byId);
        if (provider.isEmpty()) {
            MailAttributes.fail(mail, errorProcessor, "unknown_provider",
                    "the report has no registered provider; was it opened by OpenReport?");
            return;
        }
        Distribution distribution;
        try {
            Report report = ReportEntity.parse(mail.getMessage());
            distribution = distributor.distribute(report, provider.get(), current);
        } catch (ReportFormatException e) {
            MailAttributes.fail(mail, errorProcessor, "malformed_report", e.getMessage());
            return;
        } catch (SealException e) {
            MailAttributes.fail(mail, errorProcessor, "seal_failed", e.getMessage());
            return;
        }
        for (Notice notice : distribution.notices()) {
            List<MailAddress> recipients = new ArrayList<>();
            for (String address : notice.addresses()) {
                recipients.add(new MailAddress(address));
            }
            getMailetContext().sendMail(from, recipients, notice.sealed());
        }
        MailAttributes.set(mail, MailAttributes.NOTICES, Integer.toString(distribution.notices().size()));
        if (!distribution.skipped().isEmpty()) {
            AdministratorNotice notice = new AdministratorNotice("recipient_without_certificate",
                    String.join("; ", distribution.skipped()), mail.getName(),
                    distribution.attributed().id().value(), "(not stored: the other notices were sent)");
            MailAddress postmaster = getMailetContext().getPostmaster();
            getMailetContext().sendMail(from, List.of(postmaster), notice.compose(from.asString(), postmaster.asString()));
        }
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
