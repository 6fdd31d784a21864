package org.c4tap.core.relay;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.c4tap.core.entity.ReportEntity;
import org.c4tap.core.report.OriginalHeaders;
import org.c4tap.core.report.Report;
import org.c4tap.core.sample.SampleEntity;
import org.c4tap.core.sample.SampleParcel;
import org.c4tap.core.smime.OuterHeaders;
import org.c4tap.core.smime.SealException;
import org.c4tap.core.smime.Sealer;

/**
 * The sealed report an operator gateway relays to the council: the report entity, signed by the
 * operator and encrypted to the council (and to the operator's own archive certificate when there
 * is one), under a neutral subject. The gateway and {@code c4tap seal} both produce it here, so
 * what the command prints is what the gateway sends.
 */
public final class Relay {

    private final Sealer sealer;
    private final String gatewayAddress;
    private final String councilAddress;
    private final X509Certificate council;
    private final List<X509Certificate> recipients;

    /**
     * @param council the council's certificate
     * @param archive certificates the report is also encrypted to, so the operator can read what it
     *                sent; may be empty
     */
    public Relay(Sealer sealer, String gatewayAddress, String councilAddress, X509Certificate council, List<X509Certificate> archive) {
        this.sealer = sealer;
        this.gatewayAddress = gatewayAddress;
        this.councilAddress = councilAddress;
        this.council = council;
        List<X509Certificate> all = new ArrayList<>();
        all.add(council);
        all.addAll(archive);
        this.recipients = List.copyOf(all);
    }

    public MimeMessage seal(Report report) throws SealException {
        String id = report.id().value();
        OuterHeaders headers = new OuterHeaders(gatewayAddress, List.of(councilAddress), "C4TAP report " + id,
                protectedSubject("C4TAP report " + id, report), "<" + id + "@" + domainOf(gatewayAddress) + ">");
        try {
            return sealer.seal(ReportEntity.render(report), headers, recipients);
        } catch (MessagingException e) {
            throw new SealException("cannot render report " + id, e);
        }
    }

    /**
     * The samples of a report, sealed like the report but as a parcel of their own, under the
     * subject {@code C4TAP samples <id>}, and to the council alone (not to the archive
     * certificates): the council sends them to analysts only.
     */
    public MimeMessage sealSamples(SampleParcel parcel) throws SealException {
        String id = parcel.reportId().value();
        String subject = "C4TAP samples " + id;
        OuterHeaders headers = new OuterHeaders(gatewayAddress, List.of(councilAddress), subject, subject,
                "<" + id + ".samples@" + domainOf(gatewayAddress) + ">");
        try {
            return sealer.seal(SampleEntity.render(parcel), headers, List.of(council));
        } catch (MessagingException e) {
            throw new SealException("cannot render the samples of report " + id, e);
        }
    }

    /** The subject inside the encryption: it names the reported mail's subject only when the reader may see the headers. */
    public static String protectedSubject(String prefix, Report report) {
        return report.part(OriginalHeaders.class).map(OriginalHeaders::subject).filter(subject -> !subject.isBlank())
                .map(subject -> prefix + ": " + subject.replaceAll("[\\r\\n]+", " ")).orElse(prefix);
    }

    public static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "localhost" : address.substring(at + 1);
    }
}
