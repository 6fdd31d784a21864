package org.c4tap.core.smime;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.smime.SMIMECapabilitiesAttribute;
import org.bouncycastle.asn1.smime.SMIMECapability;
import org.bouncycastle.asn1.smime.SMIMECapabilityVector;
import org.bouncycastle.asn1.smime.SMIMEEncryptionKeyPreferenceAttribute;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.c4tap.core.message.FixedIdMimeMessage;
import org.c4tap.core.message.MimeParts;

/**
 * Signs, then encrypts (RFC 8551), with header protection (RFC 9788): the content entity gets the
 * real header fields and {@code hp="cipher"}, is signed with the sender's key (multipart/signed,
 * RSA-SHA256, RSASSA-PSS or ECDSA-SHA256 by the key, with SMIMECapabilities, the encryption key
 * preference and the signing certificate among the signed attributes, and the signer's chain),
 * and the signed entity is encrypted to every recipient certificate — RSA-OAEP, RSA PKCS#1 v1.5 or
 * ECDH by the certificate — as AES-256-CBC EnvelopedData or AES-256-GCM AuthEnvelopedData. Only
 * the {@link OuterHeaders} stay outside. Its configuration is immutable; it learns, per recipient
 * list, the size of an envelope besides its ciphertext (see {@link #envelopeOfWholeQuanta}). Safe
 * to share between threads.
 */
public final class Sealer {

    /** Beyond this many recipient lists the learnt overheads are forgotten and learnt again. */
    private static final int OVERHEADS_KEPT = 4096;
    /** BouncyCastle writes the ciphertext as a constructed OCTET STRING in segments of this size. */
    private static final int SEGMENT = 1000;

    private final Credential signer;
    private final SealingProfile profile;
    /**
     * Per recipient list, how many bytes an envelope holds besides its ciphertext segments: the
     * same for every envelope to those certificates in this profile, so learnt once.
     */
    private final Map<List<X509Certificate>, Integer> overheads = new ConcurrentHashMap<>();

    public Sealer(Credential signer, SealingProfile profile) {
        this.signer = signer;
        this.profile = profile;
    }

    public Credential signer() {
        return signer;
    }

    public SealingProfile profile() {
        return profile;
    }

    /** The same signer with another profile, e.g. GCM for recipients whose clients read it. */
    public Sealer with(SealingProfile other) {
        return other.equals(profile) ? this : new Sealer(signer, other);
    }

    /**
     * Seals {@code content} for {@code recipients}. Fails, producing nothing, when there is no
     * recipient certificate or any step of the cryptography fails.
     */
    public MimeMessage seal(MimeBodyPart content, OuterHeaders headers, List<X509Certificate> recipients) throws SealException {
        if (recipients.isEmpty()) {
            throw new SealException("no recipient certificate to encrypt to");
        }
        try {
            Date date = new Date();
            protect(content, headers, date);
            return message(headers, date, envelopeOfWholeQuanta(signedEntity(content), recipients));
        } catch (SealException e) {
            throw e;
        } catch (Exception e) {
            throw new SealException("sealing failed: " + e.getClass().getSimpleName() + safeMessage(e), e);
        }
    }

    /**
     * Signs {@code content} without encrypting it: a clear-signed multipart/signed message that
     * any mail client shows and anyone holding the signer's CA can verify. Only for what may be
     * public (WHITE); everything else is {@link #seal sealed}. The headers are the message's own,
     * as there is nothing to protect them in.
     */
    public MimeMessage signOnly(MimeBodyPart content, OuterHeaders headers) throws SealException {
        try {
            byte[] signed = signedEntity(content);
            ByteArrayOutputStream message = new ByteArrayOutputStream(signed.length + 512);
            message.writeBytes(headerBlock(headers, new Date()).getBytes(StandardCharsets.US_ASCII));
            message.writeBytes(signed);
            return new FixedIdMimeMessage(MimeParts.session(), new SharedByteArrayInputStream(message.toByteArray()));
        } catch (Exception e) {
            throw new SealException("signing failed: " + e.getClass().getSimpleName() + safeMessage(e), e);
        }
    }

    /** {@code content} canonicalised, signed, and written as a multipart/signed entity. */
    private byte[] signedEntity(MimeBodyPart content) throws Exception {
        return SmimeHandlers.call(() -> {
            ByteArrayOutputStream entity = new ByteArrayOutputStream();
            content.writeTo(entity);
            byte[] canonical = SignedEntity.canonical(entity.toByteArray());
            return SignedEntity.write(canonical, sign(canonical));
        });
    }

    /** RFC 9788: the protected header fields, and a record of what stayed outside, on the signed entity. */
    private static void protect(MimeBodyPart content, OuterHeaders headers, Date date) throws MessagingException, IOException {
        String dateText = new MailDateFormat().format(date);
        content.setHeader("From", headers.from());
        content.setHeader("To", String.join(", ", headers.to()));
        content.setHeader("Subject", MimeUtility.fold(9, MimeUtility.encodeText(headers.protectedSubject(), "UTF-8", "B")));
        content.setHeader("Date", dateText);
        content.setHeader("Message-ID", headers.messageId());
        content.removeHeader("HP-Outer");
        content.addHeader("HP-Outer", "From: " + headers.from());
        content.addHeader("HP-Outer", "To: " + String.join(", ", headers.to()));
        content.addHeader("HP-Outer", "Date: " + dateText);
        content.addHeader("HP-Outer", "Subject: " + headers.subject());
        content.addHeader("HP-Outer", "Message-ID: " + headers.messageId());
        ContentType type = new ContentType(content.getContentType());
        type.setParameter("hp", "cipher");
        content.setHeader("Content-Type", type.toString());
    }

    /** The detached CMS SignedData over {@code canonical}, with our signed attributes and the signer's chain. */
    private byte[] sign(byte[] canonical) throws Exception {
        SMIMECapabilityVector capabilities = new SMIMECapabilityVector();
        capabilities.addCapability(CMSAlgorithm.AES256_GCM);
        capabilities.addCapability(SMIMECapability.aES256_CBC);
        capabilities.addCapability(SMIMECapability.aES128_CBC);
        ASN1EncodableVector attributes = new ASN1EncodableVector();
        attributes.add(new SMIMECapabilitiesAttribute(capabilities));
        X509Certificate certificate = signer.certificate();
        attributes.add(new SMIMEEncryptionKeyPreferenceAttribute(new IssuerAndSerialNumber(
                X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded()), certificate.getSerialNumber())));
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        attributes.add(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                new DERSet(new SigningCertificateV2(new ESSCertIDv2(hash)))));

        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        String algorithm = signatureAlgorithm();
        ContentSigner contentSigner = new JcaContentSignerBuilder(algorithm).setProvider(Crypto.signingProvider(algorithm))
                .build(signer.key());
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(Crypto.digests())
                .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)))
                .build(contentSigner, certificate));
        generator.addCertificates(new JcaCertStore(signer.chain()));
        return generator.generate(new CMSProcessableByteArray(canonical), false).getEncoded();
    }

    private String signatureAlgorithm() throws SealException {
        return switch (signer.key().getAlgorithm()) {
            case "RSA" -> profile.rsaSignature() == SealingProfile.RsaSignature.PSS ? "SHA256withRSAandMGF1" : "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            default -> throw new SealException("cannot sign with a " + signer.key().getAlgorithm() + " key");
        };
    }

    /**
     * The envelope of {@code signed}, its length a multiple of three, so that its base64 ends in a
     * whole quantum with no padding. James's file repository writes a kept message's base64 body
     * back through an encoder it never flushes, and loses the last one or two bytes of a content
     * whose length is not a multiple of three: a sealed report's final end-of-contents octets,
     * after which the report kept in an archive or an error repository no longer opens. The
     * length is adjusted with blank lines after the signed entity's closing boundary (its
     * epilogue, which MIME readers discard and the signature does not cover), as many as the
     * envelope's known overhead and the ciphertext's length say, so that one encryption suffices.
     */
    private byte[] envelopeOfWholeQuanta(byte[] signed, List<X509Certificate> recipients) throws Exception {
        int overhead = overhead(recipients);
        int epilogue = 0;
        while ((overhead + encodedCiphertext(signed.length + epilogue)) % 3 != 0 && epilogue < 96) {
            epilogue += 2;
        }
        byte[] enveloped = encrypt(epilogue == 0 ? signed : withEpilogue(signed, epilogue), recipients);
        // the prediction rests on how BouncyCastle segments the ciphertext: checked, and searched
        // for if it is ever wrong
        for (int bytes = 2; enveloped.length % 3 != 0 && bytes <= 96; bytes += 2) {
            overheads.remove(recipients);
            enveloped = encrypt(withEpilogue(signed, bytes), recipients);
        }
        return enveloped;
    }

    /** What an envelope to {@code recipients} holds besides its ciphertext, learnt from a two-byte one. */
    private int overhead(List<X509Certificate> recipients) throws Exception {
        Integer known = overheads.get(recipients);
        if (known != null) {
            return known;
        }
        int measured = encrypt(new byte[] {'\r', '\n'}, recipients).length - encodedCiphertext(2);
        if (overheads.size() >= OVERHEADS_KEPT) {
            overheads.clear();
        }
        overheads.put(List.copyOf(recipients), measured);
        return measured;
    }

    /** The encoded size of the ciphertext of {@code plaintext} bytes: its segments and their headers. */
    private int encodedCiphertext(int plaintext) {
        int ciphertext = profile.encryption() == SealingProfile.ContentEncryption.AES_256_GCM
                ? plaintext : (plaintext / 16 + 1) * 16;
        int rest = ciphertext % SEGMENT;
        int lastHeader = rest == 0 ? 0 : rest < 128 ? 2 : rest < 256 ? 3 : 4;
        return ciphertext / SEGMENT * (SEGMENT + 4) + rest + lastHeader;
    }

    /** {@code signed} followed by {@code bytes} (an even number) bytes of CRLFs. */
    private static byte[] withEpilogue(byte[] signed, int bytes) {
        byte[] padded = java.util.Arrays.copyOf(signed, signed.length + bytes);
        for (int i = signed.length; i < padded.length; i += 2) {
            padded[i] = '\r';
            padded[i + 1] = '\n';
        }
        return padded;
    }

    private byte[] encrypt(byte[] signed, List<X509Certificate> recipients) throws Exception {
        CMSProcessableByteArray data = new CMSProcessableByteArray(signed);
        if (profile.encryption() == SealingProfile.ContentEncryption.AES_256_GCM) {
            CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
            for (X509Certificate recipient : recipients) {
                generator.addRecipientInfoGenerator(recipientInfo(recipient));
            }
            // BouncyCastle's: its builder cannot get an AES-GCM key generator from the JDK's provider
            OutputEncryptor encryptor = new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM)
                    .setProvider(Crypto.provider()).build();
            return generator.generate(data, (OutputAEADEncryptor) encryptor).getEncoded();
        }
        CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
        for (X509Certificate recipient : recipients) {
            generator.addRecipientInfoGenerator(recipientInfo(recipient));
        }
        return generator.generate(data, new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC)
                .setProvider(Crypto.contentProvider()).build()).getEncoded();
    }

    private RecipientInfoGenerator recipientInfo(X509Certificate recipient) throws Exception {
        if (recipient.getPublicKey() instanceof RSAPublicKey) {
            return switch (profile.rsaKeyTransport()) {
                case OAEP_SHA256 -> new JceKeyTransRecipientInfoGenerator(recipient, oaepSha256()).setProvider(Crypto.provider());
                case PKCS1_V1_5 -> new JceKeyTransRecipientInfoGenerator(recipient).setProvider(Crypto.provider());
            };
        }
        if (recipient.getPublicKey() instanceof ECPublicKey ec) {
            // ephemeral-static: a fresh key pair on the recipient's curve for every message
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Crypto.provider());
            // by the curve's name where the certificate names it, so the originator key carries an
            // OID, not ~220 bytes of explicit curve parameters a strict reader may refuse
            ASN1Encodable curve = SubjectPublicKeyInfo.getInstance(ec.getEncoded()).getAlgorithm().getParameters();
            if (curve instanceof ASN1ObjectIdentifier named) {
                generator.initialize(new ECGenParameterSpec(named.getId()));
            } else {
                generator.initialize(ec.getParams());
            }
            KeyPair ephemeral = generator.generateKeyPair();
            return new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF, ephemeral.getPrivate(), ephemeral.getPublic(),
                    CMSAlgorithm.AES256_WRAP).addRecipient(recipient).setProvider(Crypto.provider());
        }
        throw new SealException("cannot encrypt to " + Certificates.describe(recipient) + ": its key is neither RSA nor EC");
    }

    private static AlgorithmIdentifier oaepSha256() throws GeneralSecurityException {
        return new JcaAlgorithmParametersConverter().getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP,
                new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
    }

    private MimeMessage message(OuterHeaders headers, Date date, byte[] enveloped) throws MessagingException, IOException {
        String smimeType = profile.encryption() == SealingProfile.ContentEncryption.AES_256_GCM ? "authEnveloped-data" : "enveloped-data";
        StringBuilder header = new StringBuilder(headerBlock(headers, date));
        header.append("Content-Type: application/pkcs7-mime; smime-type=").append(smimeType).append("; name=\"smime.p7m\"\r\n");
        header.append("Content-Transfer-Encoding: base64\r\n");
        header.append("Content-Disposition: attachment; filename=\"smime.p7m\"\r\n");
        header.append("Content-Description: S/MIME Encrypted Message\r\n\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(enveloped.length * 4 / 3 + header.length() + 64);
        bytes.writeBytes(header.toString().getBytes(StandardCharsets.US_ASCII));
        bytes.writeBytes(Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encode(enveloped));
        bytes.writeBytes(new byte[] {'\r', '\n'});
        return new FixedIdMimeMessage(MimeParts.session(), new SharedByteArrayInputStream(bytes.toByteArray()));
    }

    /** The outer header fields every message we send carries, MIME-Version last. */
    private static String headerBlock(OuterHeaders headers, Date date) throws IOException {
        return "From: " + headers.from() + "\r\n"
                + "To: " + String.join(", ", headers.to()) + "\r\n"
                + "Subject: " + MimeUtility.fold(9, MimeUtility.encodeText(headers.subject(), "UTF-8", "B")) + "\r\n"
                + "Date: " + new MailDateFormat().format(date) + "\r\n"
                + "Message-ID: " + headers.messageId() + "\r\n"
                + "MIME-Version: 1.0\r\n";
    }

    private static String safeMessage(Exception e) {
        return e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
    }
}
