package org.c4tap.core.trust;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A certificate that may not be used, with a machine-readable reason and the certificate at
 * fault (the end entity, or the CA certificate of the path that failed). The message names
 * certificates by subject, serial and fingerprint prefix, never key material.
 */
public final class CertificateRejection extends Exception {

    /** Why a certificate was refused; {@link #key()} is the stable, machine-readable form. */
    public enum Reason {
        /** No path to a trust anchor: unknown issuer, bad signature, an issuer that is not a CA. */
        UNTRUSTED_CHAIN("untrusted_chain"),
        /** A certificate of the path is expired or not yet valid at the validation time. */
        EXPIRED("expired"),
        /** A certificate of the path is on its issuer's CRL (or, with OCSP, reported revoked). */
        REVOKED("revoked"),
        /** The CRL that covers a certificate of the path is past its nextUpdate. */
        CRL_EXPIRED("crl_expired"),
        /** A CRL is configured for an issuer of the path but cannot be used: wrong signature, an issuer not allowed to sign CRLs, a critical extension we do not process. */
        CRL_UNAVAILABLE("crl_unavailable"),
        /** OCSP was asked for and gave no answer. */
        REVOCATION_UNKNOWN("revocation_unknown"),
        /** keyUsage forbids the use: signing needs digitalSignature or nonRepudiation, receiving needs keyEncipherment (RSA) or keyAgreement (EC). */
        WRONG_KEY_USAGE("wrong_key_usage"),
        /** extendedKeyUsage is present and names neither emailProtection nor anyExtendedKeyUsage. */
        NO_EMAIL_PROTECTION("no_email_protection"),
        /** The sender's address is not one the certificate names. */
        ADDRESS_MISMATCH("address_mismatch");

        private final String key;

        Reason(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    private final Reason reason;
    private final X509Certificate certificate;

    public CertificateRejection(Reason reason, X509Certificate certificate, String detail) {
        super(reason.key() + ": " + detail);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.certificate = Objects.requireNonNull(certificate, "certificate");
    }

    public Reason reason() {
        return reason;
    }

    /** The certificate at fault. */
    public X509Certificate certificate() {
        return certificate;
    }
}
