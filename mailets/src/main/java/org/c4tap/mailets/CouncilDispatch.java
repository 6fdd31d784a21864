package org.c4tap.mailets;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetConfig;
import org.apache.mailet.MailetContext;
import org.c4tap.core.alert.AdministratorNotice;
import org.c4tap.core.audit.AuditLog;
import org.c4tap.core.notice.Distributor;
import org.c4tap.core.notice.Notice;
import org.c4tap.core.registry.Organisation;
import org.c4tap.core.registry.Registry;
import org.c4tap.core.registry.RegistryFile;
import org.c4tap.core.smime.OpenFailure;
import org.c4tap.core.smime.Opened;
import org.c4tap.core.smime.Opener;
import org.c4tap.core.smime.Sealer;
import org.c4tap.core.smime.SealingProfile;
import org.c4tap.core.trust.ParticipantTrust;
import org.c4tap.core.trust.TrustFiles;

/**
 * What the council's two distributing mailets ({@link DistributeNotices}, {@link DistributeSamples})
 * share, read once from their init parameters: the council's key and sealing profile, the registry,
 * the recipient trust, the sender address, the audit log and whom to tell. It also holds the one
 * step both take first: open the accepted mail again and check that it is still signed for the
 * provider {@link OpenReport} accepted.
 */
final class CouncilDispatch {

    static final String FROM = "from";
    static final String ARCHIVE_CERTIFICATE = "archiveCertificate";
    static final String RSA_KEY_TRANSPORT = "rsaKeyTransport";
    static final String RSA_SIGNATURE = "rsaSignature";
    static final String ENCRYPTION = "encryption";
    static final String AUDIT_LOG = "auditLog";
    static final String ADMINISTRATOR = "administrator";
    static final String ERROR_PROCESSOR = "errorProcessor";

    /** Every init parameter this reads. */
    static final Set<String> NAMES;

    static {
        Set<String> names = new java.util.HashSet<>(KeyParameters.NAMES);
        names.addAll(TrustParameters.NAMES);
        names.addAll(Set.of(RegistryParameter.REGISTRY, FROM, ARCHIVE_CERTIFICATE, RSA_KEY_TRANSPORT, RSA_SIGNATURE, ENCRYPTION,
                AUDIT_LOG, ADMINISTRATOR, ERROR_PROCESSOR));
        NAMES = Set.copyOf(names);
    }

    /** An accepted mail opened again: the registry in force, its provider there, and what it holds. */
    record Reopened(Registry registry, Organisation provider, Opened opened) {
    }

    private final String mailetName;
    private final MailetContext context;
    private final Opener opener;
    private final Distributor distributor;
    private final RegistryFile registry;
    private final MailAddress from;
    private final AddressOrPostmaster administrator;
    private final Optional<AuditLog> audit;
    private final Optional<TrustFiles> trust;
    private final String errorProcessor;

    private CouncilDispatch(String mailetName, MailetContext context, Opener opener, Distributor distributor, RegistryFile registry,
                            MailAddress from, AddressOrPostmaster administrator, Optional<AuditLog> audit, Optional<TrustFiles> trust,
                            String errorProcessor) {
        this.mailetName = mailetName;
        this.context = context;
        this.opener = opener;
        this.distributor = distributor;
        this.registry = registry;
        this.from = from;
        this.administrator = administrator;
        this.audit = audit;
        this.trust = trust;
        this.errorProcessor = errorProcessor;
    }

    /** Reads and checks the parameters; {@code defaultEncryption} is the content encryption when none is configured. */
    static CouncilDispatch read(MailetConfig config, String defaultEncryption) throws MessagingException {
        InitParameters parameters = new InitParameters(config);
        String mailetName = config.getMailetName();
        MailetContext context = config.getMailetContext();
        MailAddress from = parameters.address(FROM);
        List<X509Certificate> archive = parameters.optional(ARCHIVE_CERTIFICATE, null) == null
                ? List.of() : parameters.certificates(ARCHIVE_CERTIFICATE);
        SealingProfile profile = new SealingProfile(
                parameters.parsed(ENCRYPTION, defaultEncryption, SealingProfile.ContentEncryption::parse),
                parameters.parsed(RSA_KEY_TRANSPORT, "oaep-sha256", SealingProfile.RsaKeyTransport::parse),
                parameters.parsed(RSA_SIGNATURE, "pkcs1-v1_5", SealingProfile.RsaSignature::parse));
        var key = KeyParameters.load(config);
        Distributor plain = new Distributor(new Sealer(key, profile), from.asString(), archive);
        Optional<TrustFiles> trust = TrustParameters.read(parameters, mailetName);
        Distributor distributor = trust.map(plain::validatingRecipients).orElse(plain);
        String log = parameters.optional(AUDIT_LOG, null);
        Optional<AuditLog> audit = log == null ? Optional.empty() : Optional.of(new AuditLog(ServerFiles.resolve(log)));
        return new CouncilDispatch(mailetName, context, new Opener(key), distributor, RegistryParameter.open(parameters), from,
                AddressOrPostmaster.read(parameters, ADMINISTRATOR, context), audit, trust,
                parameters.optional(ERROR_PROCESSOR, "c4tap-error"));
    }

    Distributor distributor() {
        return distributor;
    }

    Optional<AuditLog> audit() {
        return audit;
    }

    String errorProcessor() {
        return errorProcessor;
    }

    /**
     * Opens the accepted mail again and checks its signer against the provider {@link OpenReport}
     * accepted; when either fails, routes the mail to the error processor with the reason and
     * returns nothing.
     */
    Optional<Reopened> reopen(Mail mail) throws MessagingException {
        Registry current = registry.current();
        Optional<Organisation> provider = MailAttributes.get(mail, MailAttributes.PROVIDER).flatMap(current::byId);
        if (provider.isEmpty()) {
            MailAttributes.fail(mail, errorProcessor, "unknown_provider",
                    "the mail has no registered provider; " + mailetName + " must follow OpenReport");
            return Optional.empty();
        }
        try {
            Opened opened = opener.open(mail.getMessage());
            Organisation signer = ParticipantTrust.provider(opened, current);
            if (!signer.id().equals(provider.get().id())) {
                MailAttributes.fail(mail, errorProcessor, "unknown_signer", "the mail is signed for '" + signer.id()
                        + "', not for the accepted provider '" + provider.get().id() + "'");
                return Optional.empty();
            }
            return Optional.of(new Reopened(current, provider.get(), opened));
        } catch (OpenFailure failure) {
            MailAttributes.fail(mail, errorProcessor, failure.reason().key(), failure.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Sends {@code mail}'s notice to its organisation unless the mail already reached it (a resend
     * of a report kept after {@code recipient_not_reached}), and records that it did; returns the
     * notice's Message-ID for the audit log, or empty when it was sent before.
     */
    Optional<String> sendOnce(Mail mail, Notice notice) throws MessagingException {
        String organisation = notice.delivery().recipient().id();
        if (MailAttributes.reached(mail).contains(organisation)) {
            return Optional.empty();
        }
        String messageId = send(notice);
        MailAttributes.addReached(mail, organisation);
        return Optional.of(messageId);
    }

    /** Sends a sealed notice to its organisation's addresses; returns its Message-ID for the audit log. */
    String send(Notice notice) throws MessagingException {
        return send(notice.addresses(), notice.sealed());
    }

    /** Sends a message from the council to {@code addresses}; returns its Message-ID for the audit log. */
    String send(List<String> addresses, MimeMessage message) throws MessagingException {
        List<MailAddress> recipients = new ArrayList<>();
        for (String address : addresses) {
            recipients.add(new MailAddress(address));
        }
        context.sendMail(from, recipients, message);
        String[] messageId = message.getHeader("Message-ID");
        return messageId == null ? "" : messageId[0];
    }

    /** Tells the administrator once about a registry or trust file that was refused since the last mail. */
    void announceRefusedFiles() throws MessagingException {
        Optional<String> registryProblem = registry.newRefusal();
        if (registryProblem.isPresent()) {
            notifyAdministrator("registry_refused", registryProblem.get(), registry.path() + " (the previous version stays in force)");
        }
        Optional<String> trustProblem = trust.flatMap(TrustFiles::newRefusal);
        if (trustProblem.isPresent()) {
            notifyAdministrator("trust_files_refused", trustProblem.get(), trust.get().files() + " (the previous version stays in force)");
        }
    }

    private void notifyAdministrator(String reason, String detail, String where) throws MessagingException {
        AdministratorNotice notice = new AdministratorNotice(reason, detail, "-", "", where);
        MailAddress to = administrator.get();
        context.sendMail(from, List.of(to), notice.compose(from.asString(), to.asString()));
    }
}
