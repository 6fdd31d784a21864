package org.c4tap.core.smime;

import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Date;
import java.util.List;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.smime.SMIMECapabilitiesAttribute;
import org.bouncycastle.asn1.smime.SMIMECapability;
import org.bouncycastle.asn1.smime.SMIMECapabilityVector;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.mail.smime.SMIMEEnvelopedGenerator;
import org.bouncycastle.mail.smime.SMIMESignedGenerator;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import org.c4tap.core.message.FixedIdMimeMessage;
import org.c4tap.core.message.MimeParts;

/**
 * Signs, then encrypts: the content is signed with the sender's key (multipart/signed, RFC 8551),
 * the signed entity is encrypted to every recipient certificate (application/pkcs7-mime), and only
 * the {@link OuterHeaders} stay outside. Immutable and safe to share between threads.
 */
public final class Sealer {

    private final Credential signer;
    private final SealingProfile profile;

    public Sealer(Credential signer, SealingProfile profile) {
        this.signer = signer;
        this.profile = profile;
    }

    public Credential signer() {
        return signer;
    }

    /**
     * Seals {@code content} for {@code recipients}. Fails, producing nothing, when there is no
     * recipient certificate or any step of the cryptography fails.
     */
    public MimeMessage seal(MimeBodyPart content, OuterHeaders outer, List<X509Certificate> recipients) throws SealException {
        if (recipients.isEmpty()) {
            throw new SealException("no recipient certificate to encrypt to");
        }
        try {
            byte[] enveloped = SmimeHandlers.call(() -> {
                MimeBodyPart signed = new MimeBodyPart();
                signed.setContent(sign(content));
                SMIMEEnvelopedGenerator generator = new SMIMEEnvelopedGenerator();
                for (X509Certificate recipient : recipients) {
                    generator.addRecipientInfoGenerator(recipientInfo(recipient));
                }
                MimeBodyPart encrypted = generator.generate(signed,
                        new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).setProvider(Crypto.provider()).build());
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                encrypted.writeTo(bytes);
                return bytes.toByteArray();
            });
            MimeMessage message = new FixedIdMimeMessage(MimeParts.session(), new ByteArrayInputStream(enveloped));
            message.setHeader("From", outer.from());
            message.setHeader("To", String.join(", ", outer.to()));
            message.setHeader("Subject", outer.subject());
            message.setHeader("Message-ID", outer.messageId());
            message.setSentDate(new Date());
            message.setHeader("MIME-Version", "1.0");
            message.saveChanges();
            return message;
        } catch (SealException e) {
            throw e;
        } catch (Exception e) {
            throw new SealException("sealing failed: " + e.getClass().getSimpleName() + safeMessage(e), e);
        }
    }

    private MimeMultipart sign(MimeBodyPart content) throws Exception {
        SMIMECapabilityVector capabilities = new SMIMECapabilityVector();
        capabilities.addCapability(SMIMECapability.aES256_CBC);
        capabilities.addCapability(SMIMECapability.aES128_CBC);
        ASN1EncodableVector attributes = new ASN1EncodableVector();
        attributes.add(new SMIMECapabilitiesAttribute(capabilities));

        SMIMESignedGenerator generator = new SMIMESignedGenerator(SMIMESignedGenerator.RFC5751_MICALGS);
        generator.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder()
                .setProvider(Crypto.provider())
                .setSignedAttributeGenerator(new AttributeTable(attributes))
                .build(signatureAlgorithm(), signer.key(), signer.certificate()));
        generator.addCertificates(new JcaCertStore(signer.chain()));
        return generator.generate(content);
    }

    private String signatureAlgorithm() throws SealException {
        return switch (signer.key().getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            default -> throw new SealException("cannot sign with a " + signer.key().getAlgorithm() + " key");
        };
    }

    private RecipientInfoGenerator recipientInfo(X509Certificate recipient) throws Exception {
        if (!(recipient.getPublicKey() instanceof RSAPublicKey)) {
            throw new SealException("cannot encrypt to " + Certificates.describe(recipient) + ": only RSA recipients are supported");
        }
        return switch (profile.rsaKeyTransport()) {
            case OAEP_SHA256 -> new JceKeyTransRecipientInfoGenerator(recipient, oaepSha256()).setProvider(Crypto.provider());
            case PKCS1_V1_5 -> new JceKeyTransRecipientInfoGenerator(recipient).setProvider(Crypto.provider());
        };
    }

    private static AlgorithmIdentifier oaepSha256() throws Exception {
        return new JcaAlgorithmParametersConverter().getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP,
                new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
    }

    private static String safeMessage(Exception e) {
        return e instanceof CertificateEncodingException || e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
    }
}
