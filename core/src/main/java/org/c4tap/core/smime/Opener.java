package org.c4tap.core.smime;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSVerifierCertificateNotValidException;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.RecipientInformationStore;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;
import org.bouncycastle.util.Store;
import org.c4tap.core.message.ContentHeader;
import org.c4tap.core.message.HeaderText;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.message.TransferDecoding;
import org.c4tap.core.smime.OpenFailure.Reason;

/**
 * Decrypts a sealed message with our key (EnvelopedData or AuthEnvelopedData; RSA either padding,
 * or ECDH) and verifies the signature inside it. It accepts only what it was told to: a message
 * encrypted less strongly than the minimum it was built with is refused, never "downgraded" to.
 * Whether the signer may send to us is a separate question, answered by the caller's trust rules.
 * Immutable and safe to share between threads.
 */
public final class Opener {

    private static final int MAX_SEALED_BYTES = 80 * 1024 * 1024;
    /** Signature digests at least as strong as the SHA-256 we sign with. */
    private static final Set<String> STRONG_DIGESTS = Set.of(NISTObjectIdentifiers.id_sha256.getId(),
            NISTObjectIdentifiers.id_sha384.getId(), NISTObjectIdentifiers.id_sha512.getId());

    private final Credential recipient;
    private final SealingProfile.ContentEncryption minimum;

    public Opener(Credential recipient) {
        this(recipient, SealingProfile.ContentEncryption.AES_256_CBC);
    }

    /** @param minimum the weakest content encryption accepted: GCM refuses CBC-encrypted messages */
    public Opener(Credential recipient, SealingProfile.ContentEncryption minimum) {
        this.recipient = recipient;
        this.minimum = minimum;
    }

    public Opened open(MimeMessage message) throws OpenFailure {
        String type = MimeParts.baseType(message);
        if (!type.equals("application/pkcs7-mime") && !type.equals("application/x-pkcs7-mime")) {
            throw new OpenFailure(Reason.NOT_SMIME, "the message is " + type + ", not application/pkcs7-mime");
        }
        byte[] der;
        try (TransferDecoding.Decoded decoded = TransferDecoding.open(message)) {
            der = decoded.stream().readNBytes(MAX_SEALED_BYTES + 1);
        } catch (IOException | MessagingException | RuntimeException e) {
            throw new OpenFailure(Reason.MALFORMED, "the sealed content cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (der.length > MAX_SEALED_BYTES) {
            throw new OpenFailure(Reason.MALFORMED, "the sealed content is larger than " + MAX_SEALED_BYTES + " bytes");
        }
        Decrypted decrypted = decrypt(der);
        try {
            return SmimeHandlers.call(() -> verify(decrypted));
        } catch (OpenFailure failure) {
            throw failure;
        } catch (Exception e) {
            throw new OpenFailure(Reason.MALFORMED, "the signed content cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Decrypted bytes and the content encryption they came out of. */
    private record Decrypted(byte[] plain, SealingProfile.ContentEncryption encryption) {
    }

    private Decrypted decrypt(byte[] der) throws OpenFailure {
        ContentInfo info;
        try {
            info = ContentInfo.getInstance(der);
        } catch (RuntimeException e) {
            throw new OpenFailure(Reason.MALFORMED, "the sealed content is not a CMS structure");
        }
        boolean gcm = CMSObjectIdentifiers.authEnvelopedData.equals(info.getContentType());
        if (!gcm && !CMSObjectIdentifiers.envelopedData.equals(info.getContentType())) {
            throw new OpenFailure(Reason.NOT_SMIME, "the sealed content is neither EnvelopedData nor AuthEnvelopedData");
        }
        if (!gcm && minimum == SealingProfile.ContentEncryption.AES_256_GCM) {
            throw new OpenFailure(Reason.WEAKER_THAN_ALLOWED, "the message is AES-CBC EnvelopedData; only AuthEnvelopedData (GCM) is accepted");
        }
        RecipientInformationStore recipients;
        ASN1ObjectIdentifier cipher;
        try {
            recipients = gcm ? new CMSAuthEnvelopedData(info).getRecipientInfos() : new CMSEnvelopedData(info).getRecipientInfos();
            // read from the structure itself: the same on BouncyCastle 1.70 (James 3.8) and 1.81
            cipher = gcm
                    ? AuthEnvelopedData.getInstance(info.getContent()).getAuthEncryptedContentInfo().getContentEncryptionAlgorithm().getAlgorithm()
                    : EnvelopedData.getInstance(info.getContent()).getEncryptedContentInfo().getContentEncryptionAlgorithm().getAlgorithm();
        } catch (CMSException | RuntimeException e) {
            throw new OpenFailure(Reason.MALFORMED, "the enveloped data cannot be parsed (" + e.getClass().getSimpleName() + ")");
        }
        // never a weaker cipher than we seal with: 3DES, AES-128 or anything else stays shut
        ASN1ObjectIdentifier allowed = gcm ? NISTObjectIdentifiers.id_aes256_GCM : NISTObjectIdentifiers.id_aes256_CBC;
        if (!allowed.equals(cipher)) {
            throw new OpenFailure(Reason.WEAKER_THAN_ALLOWED, "the content is encrypted with " + cipher.getId()
                    + "; only AES-256 (" + allowed.getId() + ") is accepted");
        }
        boolean ec = recipient.certificate().getPublicKey() instanceof ECPublicKey;
        RecipientInformation ours = ours(recipients, ec);
        if (ours == null) {
            throw new OpenFailure(Reason.NOT_FOR_US, "the message is not encrypted to " + Certificates.describe(recipient.certificate()));
        }
        try {
            return new Decrypted(ours.getContent(decryptor(gcm, ec)),
                    gcm ? SealingProfile.ContentEncryption.AES_256_GCM : SealingProfile.ContentEncryption.AES_256_CBC);
        } catch (CMSException | RuntimeException e) {
            if (gcm) {
                throw new OpenFailure(Reason.TAMPERED, "the GCM authentication failed: the content or its tag was altered, or the key is wrong");
            }
            throw new OpenFailure(Reason.CANNOT_DECRYPT, "decryption failed (" + e.getClass().getSimpleName() + ")");
        } catch (LinkageError e) {
            throw new OpenFailure(Reason.CANNOT_DECRYPT, "this BouncyCastle cannot decrypt ECDH with AES-GCM; it needs 1.71 or newer");
        }
    }

    /**
     * Our RecipientInfo. Written without a shared local of the two id types on purpose: their common
     * supertype differs between BouncyCastle 1.70 (James 3.8) and 1.81, and the verifier would
     * need it.
     */
    private RecipientInformation ours(RecipientInformationStore recipients, boolean ec) {
        if (ec) {
            return recipients.get(new JceKeyAgreeRecipientId(recipient.certificate()));
        }
        return recipients.get(new JceKeyTransRecipientId(recipient.certificate()));
    }

    private Recipient decryptor(boolean gcm, boolean ec) {
        if (ec) {
            return gcm ? new JceKeyAgreeAuthEnvelopedRecipient(recipient.key()).setProvider(Crypto.provider())
                    : new JceKeyAgreeEnvelopedRecipient(recipient.key()).setProvider(Crypto.provider())
                    .setContentProvider(Crypto.contentProvider());
        }
        return gcm ? new JceKeyTransAuthEnvelopedRecipient(recipient.key()).setProvider(Crypto.provider())
                : new JceKeyTransEnvelopedRecipient(recipient.key()).setProvider(Crypto.provider())
                .setContentProvider(Crypto.contentProvider());
    }

    private Opened verify(Decrypted decrypted) throws Exception {
        MimeBodyPart inner = new MimeBodyPart(new SharedByteArrayInputStream(decrypted.plain()));
        String innerType = MimeParts.baseType(inner);
        if (!innerType.equals("multipart/signed")) {
            throw new OpenFailure(Reason.NOT_SIGNED, "the decrypted content is " + innerType + ", not multipart/signed");
        }
        byte[] covered;
        CMSSignedData signed;
        try {
            MimeMultipart multipart = new MimeMultipart(new MimePartDataSource(inner));
            if (multipart.getCount() != 2) {
                throw new OpenFailure(Reason.NOT_SIGNED, "multipart/signed with " + multipart.getCount() + " parts instead of 2");
            }
            covered = signedBytes((MimeBodyPart) multipart.getBodyPart(0));
            byte[] signature;
            try (TransferDecoding.Decoded decoded = TransferDecoding.open((MimeBodyPart) multipart.getBodyPart(1))) {
                signature = decoded.stream().readNBytes(MAX_SEALED_BYTES);
            }
            signed = new CMSSignedData(new CMSProcessableByteArray(covered), signature);
        } catch (CMSException | MessagingException | IOException | RuntimeException e) {
            throw new OpenFailure(Reason.MALFORMED, "the signature cannot be parsed (" + e.getClass().getSimpleName() + ")");
        }
        Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            throw new OpenFailure(Reason.NOT_SIGNED, "expected one signer, found " + signers.size());
        }
        SignerInformation signer = signers.iterator().next();
        if (!STRONG_DIGESTS.contains(signer.getDigestAlgOID())) {
            throw new OpenFailure(Reason.WEAKER_THAN_ALLOWED, "the signature uses the digest " + signer.getDigestAlgOID()
                    + "; only SHA-256, SHA-384 and SHA-512 are accepted");
        }
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
            valid = signer.verify(new JcaSignerInfoVerifierBuilder(Crypto.digests()).setProvider(Crypto.provider())
                    .build(signerCertificate));
        } catch (CMSVerifierCertificateNotValidException e) {
            // BouncyCastle checks the certificate against the signing time the signature states
            // before it checks the signature: the signature may be sound, the certificate is not.
            throw new OpenFailure(Reason.SIGNER_CERTIFICATE_NOT_VALID, "the certificate " + Certificates.describe(signerCertificate)
                    + ", valid from " + signerCertificate.getNotBefore().toInstant() + " to " + signerCertificate.getNotAfter().toInstant()
                    + ", was not valid at the signing time the signature states");
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
        MimeBodyPart content = new MimeBodyPart(new SharedByteArrayInputStream(covered));
        return new Opened(content, signerCertificate, certificates, protectedHeaders(content), decrypted.encryption());
    }

    /**
     * The bytes the signature covers: the first part exactly as it came (its header lines as they
     * were, its body untouched), in canonical form, as RFC 8551 has the signer compute it. Reading
     * them this way, rather than through BouncyCastle's S/MIME parser, which rebuilds them a byte
     * at a time, was most of the time of opening a report.
     */
    private static byte[] signedBytes(MimeBodyPart part) throws MessagingException, IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        part.writeTo(bytes);
        boolean binary = "binary".equalsIgnoreCase(TransferDecoding.encoding(part));
        return binary ? bytes.toByteArray() : SignedEntity.canonical(bytes.toByteArray());
    }

    private static ProtectedHeaders protectedHeaders(MimeBodyPart covered) throws MessagingException {
        String[] type = covered.getHeader("Content-Type");
        boolean declared = type != null && type.length > 0
                && ContentHeader.parse(type[0]).parameter("hp").map(value -> value.toLowerCase(Locale.ROOT))
                .filter(value -> value.equals("cipher") || value.equals("clear")).isPresent();
        return new ProtectedHeaders(String.join(", ", HeaderText.addresses(covered, "From")), HeaderText.addresses(covered, "To"),
                HeaderText.first(covered, "Subject"), HeaderText.first(covered, "Date"), HeaderText.first(covered, "Message-ID"), declared);
    }
}
