package org.c4tap.mailets;

import jakarta.mail.MessagingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.c4tap.core.acceptance.Accepted;
import org.c4tap.core.acceptance.AcceptedSamples;
import org.c4tap.core.acceptance.Refusal;
import org.c4tap.core.acceptance.ReportAcceptance;
import org.c4tap.core.alert.AdministratorNotice;
import org.c4tap.core.registry.RegistryFile;
import org.c4tap.core.smime.Opener;
import org.c4tap.core.smime.SealingProfile;
import org.c4tap.core.trust.TrustFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Council gateway, step 1: decides whether a sealed report is accepted. It decrypts it with the
 * council's key (no weaker than {@code minimumEncryption}), verifies the signature over its
 * content, validates the signer's certificate (chain to {@code trustAnchors}, validity,
 * revocation from {@code crls}, key usage, emailProtection, the protected From among its
 * addresses) and requires it to be the certificate the registry pins for an active organisation.
 * An accepted report gets the attributes {@code c4tap.report.id} and {@code c4tap.provider} and
 * stays sealed in the mail, so that what is archived is what was received.
 *
 * <pre>{@code
 * <mailet match="All" class="org.c4tap.mailets.OpenReport">
 *     <keystore>conf/c4tap/council.p12</keystore>
 *     <keystorePasswordFile>conf/c4tap/keystore-password</keystorePasswordFile>
 *     <registry>conf/c4tap/registry.yaml</registry>
 *     <trustAnchors>conf/c4tap/ca.pem</trustAnchors>
 *     <crls>conf/c4tap/ca.crl</crls>                     <!-- comma separated, PEM or DER -->
 *     <expiredCrls>reject</expiredCrls>                   <!-- or warn -->
 *     <ocsp>false</ocsp>                                  <!-- true: ask the certificate's OCSP responder too -->
 *     <minimumEncryption>aes-256-gcm</minimumEncryption>  <!-- aes-256-cbc also accepts CBC -->
 *     <administrator>secretariat@council.example</administrator>   <!-- defaults to the postmaster -->
 *     <errorProcessor>c4tap-quarantine</errorProcessor>
 * </mailet>
 * }</pre>
 *
 * With {@code <kind>samples</kind>} it accepts, by the same rule, a report's sample parcel (on
 * the council's samples address) and marks it {@code c4tap.kind=samples}.
 *
 * A refused report goes, still sealed, to {@code errorProcessor} with {@code c4tap.failure.reason}
 * (cannot_decrypt, tampered, bad_signature, not_signed, untrusted_chain, expired, revoked,
 * wrong_key_usage, no_email_protection, address_mismatch, unknown_signer, inactive_organisation…).
 * When the registry file changes into something invalid, the administrator is told once and the
 * last good registry stays in force.
 */
public class OpenReport extends GenericMailet {

    private static final Logger LOGGER = LoggerFactory.getLogger(OpenReport.class);

    static final String ERROR_PROCESSOR = "errorProcessor";
    static final String MINIMUM_ENCRYPTION = "minimumEncryption";
    static final String ADMINISTRATOR = "administrator";
    static final String KIND = "kind";

    private ReportAcceptance acceptance;
    private RegistryFile registry;
    private Optional<TrustFiles> trust;
    private AddressOrPostmaster administrator;
    private String errorProcessor;
    private boolean samples;
    private ExpiryWatch expiry;

    @Override
    public void init() throws MessagingException {
        Set<String> known = new HashSet<>(KeyParameters.NAMES);
        known.addAll(TrustParameters.NAMES);
        known.addAll(Set.of(RegistryParameter.REGISTRY, ERROR_PROCESSOR, MINIMUM_ENCRYPTION, ADMINISTRATOR, ExpiryWatch.WINDOW_DAYS, KIND));
        checkInitParameters(known);
        InitParameters parameters = new InitParameters(getMailetConfig());
        registry = RegistryParameter.open(parameters);
        var key = KeyParameters.load(getMailetConfig());
        Opener opener = new Opener(key, parameters.parsed(MINIMUM_ENCRYPTION, "aes-256-gcm", SealingProfile.ContentEncryption::parse));
        trust = TrustParameters.read(parameters, getMailetName());
        acceptance = new ReportAcceptance(opener, trust, registry::current);
        administrator = AddressOrPostmaster.read(parameters, ADMINISTRATOR, getMailetContext());
        errorProcessor = parameters.optional(ERROR_PROCESSOR, "c4tap-quarantine");
        samples = parameters.parsed(KIND, "report", OpenReport::samplesKind);
        expiry = ExpiryWatch.start(getMailetName(), parameters, () -> certificatesInUse(key.certificate()));
    }

    private static String serial(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16);
    }

    private Map<String, X509Certificate> certificatesInUse(X509Certificate own) {
        return certificatesInUse(own, registry.current());
    }

    /** The council's own certificate and every certificate of {@code registry}, by name. */
    static Map<String, X509Certificate> certificatesInUse(X509Certificate own, org.c4tap.core.registry.Registry registry) {
        Map<String, X509Certificate> certificates = new LinkedHashMap<>();
        certificates.put("the council's certificate", own);
        for (var organisation : registry.organisations()) {
            // by serial too: during a rollover a holder has two certificates, and each expires
            organisation.gatewayCertificates().forEach(certificate ->
                    certificates.put("gateway certificate of " + organisation.id() + " (serial " + serial(certificate) + ")", certificate));
            organisation.addresses().forEach(address -> address.certificates().forEach(certificate ->
                    certificates.put("certificate of " + address.address() + " (serial " + serial(certificate) + ")", certificate)));
        }
        return certificates;
    }

    @Override
    public void destroy() {
        if (expiry != null) {
            expiry.close();
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        String reportId;
        String provider;
        try {
            if (samples) {
                AcceptedSamples accepted = acceptance.acceptSamples(mail.getMessage());
                reportId = accepted.parcel().reportId().value();
                provider = accepted.provider().id();
                MailAttributes.set(mail, MailAttributes.KIND, MailAttributes.SAMPLES);
            } else {
                Accepted accepted = acceptance.accept(mail.getMessage());
                reportId = accepted.report().id().value();
                provider = accepted.provider().id();
            }
        } catch (Refusal refusal) {
            MailAttributes.fail(mail, errorProcessor, refusal.key(), refusal.getMessage());
            return;
        } finally {
            announceRefusedFiles();
        }
        LOGGER.info("{}: {} {} from {} accepted (mail {})", getMailetName(), samples ? "samples of report" : "report", reportId,
                provider, mail.getName());
        MailAttributes.set(mail, MailAttributes.REPORT_ID, reportId);
        MailAttributes.set(mail, MailAttributes.PROVIDER, provider);
    }

    private static Boolean samplesKind(String value) {
        return switch (value.strip()) {
            case "report" -> false;
            case "samples" -> true;
            default -> throw new IllegalArgumentException("'" + value + "' is not report or samples");
        };
    }

    private void announceRefusedFiles() throws MessagingException {
        var problem = registry.newRefusal();
        if (problem.isPresent()) {
            tell("registry_refused", problem.get(), registry.path() + " (the previous version stays in force)");
        }
        var trustProblem = trust.flatMap(TrustFiles::newRefusal);
        if (trustProblem.isPresent()) {
            tell("trust_files_refused", trustProblem.get(), trust.get().files() + " (the previous version stays in force)");
        }
    }

    private void tell(String reason, String problem, String where) throws MessagingException {
        AdministratorNotice notice = new AdministratorNotice(reason, problem, "-", "", where);
        MailAddress to = administrator.get();
        getMailetContext().sendMail(to, List.of(to), notice.compose(to.asString(), to.asString()));
    }

    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        return List.of(new ProcessingState(errorProcessor));
    }

    @Override
    public String getMailetInfo() {
        return "C4TAP OpenReport: accepts sealed reports from validated, registered gateways only";
    }
}
