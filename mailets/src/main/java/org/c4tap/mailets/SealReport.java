package org.c4tap.mailets;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.c4tap.core.entity.ReportEntity;
import org.c4tap.core.report.Report;
import org.c4tap.core.report.ReportFormatException;
import org.c4tap.core.sample.SampleEntity;
import org.c4tap.core.sample.SampleParcel;
import org.c4tap.core.relay.Relay;
import org.c4tap.core.smime.SealException;
import org.c4tap.core.smime.Sealer;
import org.c4tap.core.smime.SealingProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operator gateway, step 2: signs the report with the operator's key and encrypts it to the
 * council's certificate (AES-256-GCM AuthEnvelopedData by default), with the original subject and
 * every other header field inside the encryption (RFC 9788), then hands the sealed message, from the gateway's own address, to
 * {@code relayProcessor} (RemoteDelivery towards the council). The envelope never names the
 * reporter. The plaintext report stays behind in this mail, for the acknowledgement, and must be
 * ended (Null) after it.
 *
 * <pre>{@code
 * <mailet match="All" class="org.c4tap.mailets.SealReport">
 *     <keystore>conf/c4tap/operator.p12</keystore>
 *     <keystorePasswordFile>conf/c4tap/keystore-password</keystorePasswordFile>
 *     <councilCertificate>conf/c4tap/council.pem</councilCertificate>
 *     <councilAddress>intake@council.example</councilAddress>
 *     <gatewayAddress>c4tap-gateway@bank-a.example</gatewayAddress>
 *     <encryption>aes-256-gcm</encryption>                      <!-- or aes-256-cbc -->
 *     <rsaKeyTransport>oaep-sha256</rsaKeyTransport>            <!-- or pkcs1-v1_5 for old peers -->
 *     <rsaSignature>pkcs1-v1_5</rsaSignature>                   <!-- or pss -->
 *     <archiveCertificate>conf/c4tap/archive.pem</archiveCertificate>   <!-- optional -->
 *     <trustAnchors>conf/c4tap/ca.pem</trustAnchors>      <!-- validate the council's certificate before each seal -->
 *     <crls>conf/c4tap/ca.crl</crls>
 *     <certificateExpiryWarningDays>30</certificateExpiryWarningDays>
 *     <relayProcessor>c4tap-relay</relayProcessor>
 *     <errorProcessor>c4tap-error</errorProcessor>
 * </mailet>
 * }</pre>
 *
 * A mail marked {@code c4tap.kind=samples} (see {@link BuildReport}'s {@code samples}) carries a
 * report's sample parcel instead; it is sealed the same way under the subject
 * {@code C4TAP samples <id>}, and its processor's {@code councilAddress} is the council's samples
 * address, which sends them to analysts only.
 *
 * Any failure sends the mail to {@code errorProcessor} with {@code c4tap.failure.reason}; nothing
 * is relayed, and never in the clear.
 */
public class SealReport extends GenericMailet {

    private static final Logger LOGGER = LoggerFactory.getLogger(SealReport.class);

    static final String COUNCIL_CERTIFICATE = "councilCertificate";
    static final String COUNCIL_ADDRESS = "councilAddress";
    static final String GATEWAY_ADDRESS = "gatewayAddress";
    static final String RSA_KEY_TRANSPORT = "rsaKeyTransport";
    static final String RSA_SIGNATURE = "rsaSignature";
    static final String ENCRYPTION = "encryption";
    static final String ARCHIVE_CERTIFICATE = "archiveCertificate";
    static final String RELAY_PROCESSOR = "relayProcessor";
    static final String ERROR_PROCESSOR = "errorProcessor";

    private Relay relay;
    private X509Certificate council;
    private java.util.Optional<org.c4tap.core.trust.TrustFiles> validator;
    private ExpiryWatch expiry;
    private MailAddress councilAddress;
    private MailAddress gatewayAddress;
    private String relayProcessor;
    private String errorProcessor;

    @Override
    public void init() throws MessagingException {
        Set<String> known = new HashSet<>(KeyParameters.NAMES);
        known.addAll(Set.of(COUNCIL_CERTIFICATE, COUNCIL_ADDRESS, GATEWAY_ADDRESS, RSA_KEY_TRANSPORT, RSA_SIGNATURE, ENCRYPTION,
                ARCHIVE_CERTIFICATE, RELAY_PROCESSOR, ERROR_PROCESSOR, ExpiryWatch.WINDOW_DAYS));
        known.addAll(TrustParameters.NAMES);
        checkInitParameters(known);
        InitParameters parameters = new InitParameters(getMailetConfig());
        councilAddress = parameters.address(COUNCIL_ADDRESS);
        gatewayAddress = parameters.address(GATEWAY_ADDRESS);
        council = parameters.certificate(COUNCIL_CERTIFICATE);
        validator = TrustParameters.read(parameters, getMailetName());
        List<X509Certificate> archive = parameters.optional(ARCHIVE_CERTIFICATE, null) == null
                ? List.of() : parameters.certificates(ARCHIVE_CERTIFICATE);
        SealingProfile profile = new SealingProfile(
                parameters.parsed(ENCRYPTION, "aes-256-gcm", SealingProfile.ContentEncryption::parse),
                parameters.parsed(RSA_KEY_TRANSPORT, "oaep-sha256", SealingProfile.RsaKeyTransport::parse),
                parameters.parsed(RSA_SIGNATURE, "pkcs1-v1_5", SealingProfile.RsaSignature::parse));
        var key = KeyParameters.load(getMailetConfig());
        relay = new Relay(new Sealer(key, profile), gatewayAddress.asString(), councilAddress.asString(), council, archive);
        expiry = ExpiryWatch.start(getMailetName(), parameters, () -> java.util.Map.of(
                "the operator's signing certificate", key.certificate(), "the council's certificate", council));
        relayProcessor = parameters.optional(RELAY_PROCESSOR, "c4tap-relay");
        errorProcessor = parameters.optional(ERROR_PROCESSOR, "c4tap-error");
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        boolean samples = MailAttributes.get(mail, MailAttributes.KIND).filter(MailAttributes.SAMPLES::equals).isPresent();
        Report report = null;
        SampleParcel parcel = null;
        try {
            if (samples) {
                parcel = SampleEntity.parse(mail.getMessage());
            } else {
                report = ReportEntity.parse(mail.getMessage());
            }
        } catch (ReportFormatException e) {
            MailAttributes.fail(mail, errorProcessor, "malformed_report", e.getMessage());
            return;
        }
        if (validator.isPresent()) {
            try {
                validator.get().get().validateRecipient(council);
            } catch (org.c4tap.core.trust.CertificateRejection rejection) {
                MailAttributes.fail(mail, errorProcessor, rejection.reason().key(), "the council's certificate cannot be used: "
                        + rejection.getMessage());
                return;
            }
        }
        MimeMessage sealed;
        try {
            sealed = samples ? relay.sealSamples(parcel) : relay.seal(report);
        } catch (SealException e) {
            MailAttributes.fail(mail, errorProcessor, "seal_failed", e.getMessage());
            return;
        }
        getMailetContext().sendMail(gatewayAddress, List.of(councilAddress), sealed, relayProcessor);
        LOGGER.info("{}: {} {} sealed for {} and queued", getMailetName(), samples ? "samples of report" : "report",
                samples ? parcel.reportId().value() : report.id().value(), councilAddress.asString());
    }

    @Override
    public void destroy() {
        if (expiry != null) {
            expiry.close();
        }
    }

    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        return List.of(new ProcessingState(relayProcessor), new ProcessingState(errorProcessor));
    }

    @Override
    public String getMailetInfo() {
        return "C4TAP SealReport: signs the report (operator key) and encrypts it to the council";
    }
}
