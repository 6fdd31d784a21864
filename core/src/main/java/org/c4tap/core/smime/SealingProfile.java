package org.c4tap.core.smime;

import java.util.Locale;
import java.util.Objects;

/**
 * How a message is sealed: the content encryption and, for RSA recipients, the key transport.
 * Signatures follow the signer's key (RSA-SHA256 for RSA keys, ECDSA-SHA256 for EC keys). Immutable;
 * build once and share.
 */
public record SealingProfile(ContentEncryption encryption, RsaKeyTransport rsaKeyTransport) {

    /** AES-256-CBC in EnvelopedData with RSA-OAEP: what current mail clients and OpenSSL read. */
    public static final SealingProfile STANDARD = new SealingProfile(ContentEncryption.AES_256_CBC, RsaKeyTransport.OAEP_SHA256);

    public enum ContentEncryption {
        AES_256_CBC;

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

    public SealingProfile {
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(rsaKeyTransport, "rsaKeyTransport");
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
