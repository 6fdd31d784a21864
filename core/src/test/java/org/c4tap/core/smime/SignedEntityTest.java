package org.c4tap.core.smime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.mail.smime.SMIMESignedGenerator;
import org.c4tap.core.entity.ReportEntity;
import org.c4tap.core.pki.CertificateAuthority;
import org.c4tap.core.report.Report;
import org.c4tap.core.testing.Mails;
import org.c4tap.core.testing.SampleReports;
import org.c4tap.core.testing.TestPki;
import org.junit.jupiter.api.Test;

class SignedEntityTest {

    private final CertificateAuthority.Issued operator = TestPki.key("operator");
    private final CertificateAuthority.Issued council = TestPki.key("council");

    @Test
    void canonicalFormEndsEveryLineInCrlfAndLeavesCanonicalBytesAlone() {
        byte[] mixed = "a\nb\rc\r\nd\n\r".getBytes(StandardCharsets.US_ASCII);
        assertThat(new String(SignedEntity.canonical(mixed), StandardCharsets.US_ASCII)).isEqualTo("a\r\nb\r\nc\r\nd\r\n\r\n");
        byte[] canonical = "From: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(SignedEntity.canonical(canonical)).isSameAs(canonical);
    }

    @Test
    void aReportSignedByBouncyCastlesSmimeGeneratorStillOpens() throws Exception {
        // what earlier versions of this gateway, and James's own SMIMESign mailet, send
        Report report = SampleReports.green();
        SMIMESignedGenerator generator = new SMIMESignedGenerator(SMIMESignedGenerator.RFC5751_MICALGS);
        generator.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder().setProvider(Crypto.provider())
                .build("SHA256withRSA", operator.key(), operator.certificate()));
        generator.addCertificates(new JcaCertStore(List.of(operator.certificate())));
        byte[] signed = SmimeHandlers.call(() -> {
            MimeMultipart multipart = generator.generate(ReportEntity.render(report));
            MimeBodyPart part = new MimeBodyPart();
            part.setContent(multipart);
            part.setHeader("Content-Type", multipart.getContentType());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            part.writeTo(out);
            return out.toByteArray();
        });

        Opened opened = new Opener(council.credential()).open(enveloped(signed));

        assertThat(Certificates.fingerprint(opened.signer())).isEqualTo(Certificates.fingerprint(operator.certificate()));
        assertThat(ReportEntity.parse(opened.content())).isEqualTo(report);
    }

    @Test
    void oneChangedByteOfTheSignedEntityIsABadSignature() throws Exception {
        byte[] content = "Content-Type: text/plain; charset=UTF-8\r\n\r\nplease pay 100 yen\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] signature = signature(content);
        byte[] altered = content.clone();
        altered[altered.length - 8] = '9';

        assertThat(new Opener(council.credential()).open(enveloped(SignedEntity.write(content, signature))).content().getContent())
                .isEqualTo("please pay 100 yen\r\n");
        assertThatThrownBy(() -> new Opener(council.credential()).open(enveloped(SignedEntity.write(altered, signature))))
                .isInstanceOfSatisfying(OpenFailure.class, e -> assertThat(e.reason()).isEqualTo(OpenFailure.Reason.BAD_SIGNATURE));
    }

    private byte[] signature(byte[] content) throws Exception {
        org.bouncycastle.cms.CMSSignedDataGenerator generator = new org.bouncycastle.cms.CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder().setProvider(Crypto.provider())
                .build("SHA256withRSA", operator.key(), operator.certificate()));
        generator.addCertificates(new JcaCertStore(List.of(operator.certificate())));
        return generator.generate(new CMSProcessableByteArray(content), false).getEncoded();
    }

    /** {@code signed} encrypted to the council as the sealer does, in a message as it arrives. */
    private MimeMessage enveloped(byte[] signed) throws Exception {
        CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
        generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(council.certificate()).setProvider(Crypto.provider()));
        byte[] der = generator.generate(new CMSProcessableByteArray(signed),
                new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).setProvider(Crypto.provider()).build()).getEncoded();
        String message = "From: gateway@bank.example\r\nTo: intake@council.example\r\nSubject: report\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=\"smime.p7m\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(der) + "\r\n";
        return Mails.parse(message.getBytes(StandardCharsets.US_ASCII));
    }
}
