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
import org.c4tap.core.report.Report;
import org.c4tap.core.report.ReportEntity;
import org.c4tap.core.report.ReportFormatException;
import org.c4tap.core.smime.OuterHeaders;
import org.c4tap.core.smime.SealException;
import org.c4tap.core.smime.Sealer;
import org.c4tap.core.smime.SealingProfile;

/**
 * Operator gateway, step 2: signs the report with the operator's key and encrypts it to the
 * council's certificate, then hands the sealed message, from the gateway's own address, to
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
 *     <rsaKeyTransport>oaep-sha256</rsaKeyTransport>            <!-- or pkcs1-v1_5 for old peers -->
 *     <relayProcessor>c4tap-relay</relayProcessor>
 *     <errorProcessor>c4tap-error</errorProcessor>
 * </mailet>
 * }</pre>
 *
 * Any failure sends the mail to {@code errorProcessor} with {@code c4tap.failure.reason}; nothing
 * is relayed, and never in the clear.
 */
public class SealReport extends GenericMailet {

    static final String COUNCIL_CERTIFICATE = "councilCertificate";
    static final String COUNCIL_ADDRESS = "councilAddress";
    static final String GATEWAY_ADDRESS = "gatewayAddress";
    static final String RSA_KEY_TRANSPORT = "rsaKeyTransport";
    static final String RELAY_PROCESSOR = "relayProcessor";
    static final String ERROR_PROCESSOR = "errorProcessor";

    private Sealer sealer;
    private X509Certificate council;
    private MailAddress councilAddress;
    private MailAddress gatewayAddress;
    private String relayProcessor;
    private String errorProcessor;

    @Override
    public void init() throws MessagingException {
        Set<String> known = new HashSet<>(KeyParameters.NAMES);
        known.addAll(Set.of(COUNCIL_CERTIFICATE, COUNCIL_ADDRESS, GATEWAY_ADDRESS, RSA_KEY_TRANSPORT, RELAY_PROCESSOR, ERROR_PROCESSOR));
        checkInitParameters(known);
        InitParameters parameters = new InitParameters(getMailetConfig());
        councilAddress = parameters.address(COUNCIL_ADDRESS);
        gatewayAddress = parameters.address(GATEWAY_ADDRESS);
        council = parameters.certificate(COUNCIL_CERTIFICATE);
        SealingProfile.RsaKeyTransport transport =
                parameters.parsed(RSA_KEY_TRANSPORT, "oaep-sha256", SealingProfile.RsaKeyTransport::parse);
        sealer = new Sealer(KeyParameters.load(getMailetConfig()),
                new SealingProfile(SealingProfile.ContentEncryption.AES_256_CBC, transport));
        relayProcessor = parameters.optional(RELAY_PROCESSOR, "c4tap-relay");
        errorProcessor = parameters.optional(ERROR_PROCESSOR, "c4tap-error");
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Report report;
        try {
            report = ReportEntity.parse(mail.getMessage());
        } catch (ReportFormatException e) {
            MailAttributes.fail(mail, errorProcessor, "malformed_report", e.getMessage());
            return;
        }
        MimeMessage sealed;
        try {
            OuterHeaders outer = new OuterHeaders(gatewayAddress.asString(), List.of(councilAddress.asString()),
                    "C4TAP report " + report.id().value(), "<" + report.id().value() + "@" + gatewayAddress.getDomain().asString() + ">");
            sealed = sealer.seal(ReportEntity.render(report), outer, List.of(council));
        } catch (SealException e) {
            MailAttributes.fail(mail, errorProcessor, "seal_failed", e.getMessage());
            return;
        }
        getMailetContext().sendMail(gatewayAddress, List.of(councilAddress), sealed, relayProcessor);
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
