package org.c4tap.core.smime;

import java.util.Locale;
import java.util.Objects;

/**
 * How a message is sealed: the content encryption, the RSA key transport and the RSA signature
 * scheme. EC recipients always get ECDH P-256 ephemeral-static with the X9.63 SHA-256 KDF and
 * AES-256 key wrap; EC signers always sign ECDSA with SHA-256. Immutable; build once and share.
 * Opening never falls back to anything weaker than what a profile allows.
 */
public record SealingProfile(ContentEncryption encryption, RsaKeyTransport rsaKeyTransport, RsaSignature rsaSignature) {

    /**
     * For people: AES-256-CBC in EnvelopedData with RSA-OAEP, what Outlook, Thunderbird and OpenSSL
     * read (Outlook is reported unable to read AuthEnvelopedData).
     */
    public static final SealingProfile STANDARD = new SealingProfile(ContentEncryption.AES_256_CBC, RsaKeyTransport.OAEP_SHA256,
            RsaSignature.PKCS1_V1_5);

    /** Between gateways: AES-256-GCM in AuthEnvelopedData (RFC 5083/5084), whose tag detects tampering. */
    public static final SealingProfile GATEWAY = new SealingProfile(ContentEncryption.AES_256_GCM, RsaKeyTransport.OAEP_SHA256,
            RsaSignature.PKCS1_V1_5);

    public enum ContentEncryption {
        /** EnvelopedData, AES-256-CBC. */
        AES_256_CBC,
        /** AuthEnvelopedData, AES-256-GCM (smime-type=authEnveloped-data). */
        AES_256_GCM;

        public static ContentEncryption parse(String value) {
            return parseEnum(ContentEncryption.class, value);
        }
    }

    public enum RsaKeyTransport {
        /** RSAES-OAEP with SHA-256 and MGF1-SHA-256 (RFC 8017, RFC 4055). */
        OAEP_SHA256,
        /** RSAES-PKCS1-v1_5, for old clients that cannot read OAEP. */
        PKCS1_V1_5;

        public static RsaKeyTransport parse(String value) {
            return parseEnum(RsaKeyTransport.class, value);
        }
    }

    public enum RsaSignature {
        /** RSASSA-PKCS1-v1_5 with SHA-256: what every client verifies. */
        PKCS1_V1_5,
        /** RSASSA-PSS with SHA-256 and MGF1-SHA-256 (RFC 4056). */
        PSS;

        public static RsaSignature parse(String value) {
            return parseEnum(RsaSignature.class, value);
        }
    }

    public SealingProfile {
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(rsaKeyTransport, "rsaKeyTransport");
        Objects.requireNonNull(rsaSignature, "rsaSignature");
    }

    public SealingProfile with(ContentEncryption replacement) {
        return new SealingProfile(replacement, rsaKeyTransport, rsaSignature);
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value) {
        String normalised = value == null ? "" : value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(normalised)) {
                return constant;
            }
        }
        StringBuilder legal = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            legal.append(legal.isEmpty() ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw new IllegalArgumentException("'" + value + "' is not one of: " + legal);
    }
}
