package org.c4tap.cli.demo;

import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.c4tap.cli.pki.DemoPki;
import org.c4tap.core.acceptance.TrustedOpener;
import org.c4tap.core.entity.ReportEntity;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.report.Report;
import org.c4tap.core.sample.SampleEntity;
import org.c4tap.core.sample.SampleParcel;
import org.c4tap.core.smime.Certificates;
import org.c4tap.core.smime.Credential;
import org.c4tap.core.smime.KeyStores;
import org.c4tap.core.smime.Opened;
import org.c4tap.core.smime.Opener;
import org.c4tap.core.trust.CertificateValidator;
import org.c4tap.core.trust.TrustSettings;

/**
 * Reads a notice as its recipient would: decrypts it with the recipient's own key, validates the
 * signer's certificate (the demo CA, its CRL, key usage, the protected From), checks that the
 * signer is the council, and reads the report inside.
 */
public final class NoticeReader {

    private final DemoPki pki;
    private final X509Certificate council;
    private final CertificateValidator validator;

    public NoticeReader(DemoPki pki) throws IOException, GeneralSecurityException {
        this.pki = pki;
        this.council = Certificates.read(pki.certificate(DemoParties.COUNCIL)).get(0);
        this.validator = new CertificateValidator(TrustSettings.read(pki.caCertificate(), List.of(pki.crl())));
    }

    /** A notice that opened: its report and who signed it. */
    public record Read(Report report, X509Certificate signer, MimeMessage outer) {
    }

    public Read read(DemoParty recipient, byte[] raw) throws Exception {
        MimeMessage message = new MimeMessage(MimeParts.session(), new ByteArrayInputStream(raw));
        Opened opened = openFromCouncil(recipient, message);
        return new Read(ReportEntity.parse(opened.content()), opened.signer(), message);
    }

    /** A samples parcel as an analyst reads it: decrypted with the analyst's key, signed by the council. */
    public SampleParcel readSamples(DemoParty recipient, byte[] raw) throws Exception {
        MimeMessage message = new MimeMessage(MimeParts.session(), new ByteArrayInputStream(raw));
        return SampleEntity.parse(openFromCouncil(recipient, message).content());
    }

    private Opened openFromCouncil(DemoParty recipient, MimeMessage message) throws Exception {
        Credential key = KeyStores.load(pki.keystore(recipient), DemoPki.PASSWORD.toCharArray(), null);
        Opened opened = new TrustedOpener(new Opener(key), Optional.of(() -> validator)).open(message);
        if (!Certificates.fingerprint(opened.signer()).equals(Certificates.fingerprint(council))) {
            throw new SecurityException("signed by " + Certificates.describe(opened.signer()) + ", not the council");
        }
        return opened;
    }

    public static List<X509Certificate> certificatesOf(DemoPki pki, DemoParty party) throws IOException, CertificateException {
        return Certificates.read(pki.certificate(party));
    }
}
