package org.c4tap.core.smime;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePartDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;
import org.bouncycastle.mail.smime.SMIMEEnveloped;
import org.bouncycastle.mail.smime.SMIMESigned;
import org.bouncycastle.util.Store;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.smime.OpenFailure.Reason;

/**
 * Decrypts a sealed message with our key and verifies the signature inside it. Whether the signer
 * may send to us is a separate question, answered by the caller's trust rules. Immutable and safe
 * to share between threads.
 */
public final class Opener {

    private final Credential recipient;

    public Opener(Credential recipient) {
        this.recipient = recipient;
    }

    public Opened open(MimeMessage message) throws OpenFailure {
        String type = MimeParts.baseType(message);
        if (!type.equals("application/pkcs7-mime") && !type.equals("application/x-pkcs7-mime")) {
            throw new OpenFailure(Reason.NOT_SMIME, "the message is " + type + ", not application/pkcs7-mime");
        }
        try {
            return SmimeHandlers.call(() -> openWithin(message));
        } catch (OpenFailure failure) {
            throw failure;
        } catch (Exception e) {
            throw new OpenFailure(Reason.MALFORMED, "the sealed message cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private Opened openWithin(MimeMessage message) throws Exception {
        SMIMEEnveloped enveloped;
        try {
            enveloped = new SMIMEEnveloped(message);
        } catch (CMSException | MessagingException | RuntimeException e) {
            throw new OpenFailure(Reason.MALFORMED, "the enveloped data cannot be parsed (" + e.getClass().getSimpleName() + ")");
        }
        RecipientInformation info = enveloped.getRecipientInfos().get(new JceKeyTransRecipientId(recipient.certificate()));
        if (info == null) {
            throw new OpenFailure(Reason.NOT_FOR_US, "the message is not encrypted to " + Certificates.describe(recipient.certificate()));
        }
        byte[] plain;
        try {
            plain = info.getContent(new JceKeyTransEnvelopedRecipient(recipient.key()).setProvider(Crypto.provider()));
        } catch (CMSException | RuntimeException e) {
            throw new OpenFailure(Reason.CANNOT_DECRYPT, "decryption failed (" + e.getClass().getSimpleName() + ")");
        }
        MimeBodyPart inner = new MimeBodyPart(new ByteArrayInputStream(plain));
        String innerType = MimeParts.baseType(inner);
        if (!innerType.equals("multipart/signed")) {
            throw new OpenFailure(Reason.NOT_SIGNED, "the decrypted content is " + innerType + ", not multipart/signed");
        }
        SMIMESigned signed;
        try {
            MimeMultipart multipart = new MimeMultipart(new MimePartDataSource(inner));
            if (multipart.getCount() != 2) {
                throw new OpenFailure(Reason.NOT_SIGNED, "multipart/signed with " + multipart.getCount() + " parts instead of 2");
            }
            signed = new SMIMESigned(multipart);
        } catch (CMSException | MessagingException | RuntimeException e) {
            throw new OpenFailure(Reason.MALFORMED, "the signature cannot be parsed (" + e.getClass().getSimpleName() + ")");
        }
        Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            throw new OpenFailure(Reason.NOT_SIGNED, "expected one signer, found " + signers.size());
        }
        SignerInformation signer = signers.iterator().next();
        @SuppressWarnings("unchecked")
        Store<X509CertificateHolder> store = signed.getCertificates();
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = store.getMatches(signer.getSID());
        if (matches.isEmpty()) {
            throw new OpenFailure(Reason.SIGNER_CERTIFICATE_MISSING, "the signature does not carry the signer's certificate");
        }
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        X509Certificate signerCertificate = converter.getCertificate(matches.iterator().next());
        boolean valid;
        try {
            valid = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Crypto.provider()).build(signerCertificate));
        } catch (CMSException | RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            throw new OpenFailure(Reason.BAD_SIGNATURE, "the signature of " + Certificates.describe(signerCertificate)
                    + " does not verify over the content");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> all = store.getMatches(null);
        for (X509CertificateHolder holder : all) {
            certificates.add(converter.getCertificate(holder));
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        signed.getContent().writeTo(content);
        return new Opened(new MimeBodyPart(new ByteArrayInputStream(content.toByteArray())), signerCertificate, certificates);
    }
}
