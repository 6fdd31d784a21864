package org.c4tap.core.pki;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How {@link CertificateAuthority#issue} shapes an S/MIME certificate: the key type, the validity
 * period and, for tests of a validator, flaws put in on purpose. Without flaws the certificate is
 * well-formed: keyUsage digitalSignature with keyEncipherment (RSA) or keyAgreement (EC),
 * extendedKeyUsage emailProtection, and the addresses as rfc822Name alternative names. Where the CA
 * runs an OCSP responder, the certificate names it ({@code ocspResponder}, empty for none).
 */
public record IssueOptions(KeyType keyType, Validity validity, Set<Flaw> flaws, String ocspResponder) {

    /** A deliberate defect of an issued certificate. */
    public enum Flaw {
        /** extendedKeyUsage names clientAuth only, not emailProtection. */
        NO_EMAIL_PROTECTION,
        /** keyUsage holds only the receiving bit (keyEncipherment or keyAgreement): the key may not sign. */
        NO_SIGNING_USAGE,
        /**
         * keyUsage holds digitalSignature and the receiving bit of the other key family
         * (keyAgreement on RSA, keyEncipherment on EC): the key may not receive.
         */
        NO_ENCRYPTION_USAGE,
        /** No subjectAltName: the addresses go into the subject as PKCS #9 emailAddress attributes, as legacy CAs did. */
        ADDRESSES_IN_SUBJECT_ONLY
    }

    public IssueOptions {
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(validity, "validity");
        flaws = Set.copyOf(flaws);
        Objects.requireNonNull(ocspResponder, "ocspResponder");
    }

    /** A well-formed certificate valid from now for {@code validity}. */
    public static IssueOptions of(KeyType keyType, Duration validity) {
        return new IssueOptions(keyType, Validity.fromNow(validity), Set.of(), "");
    }

    public IssueOptions withValidity(Validity period) {
        return new IssueOptions(keyType, period, flaws, ocspResponder);
    }

    /** The same options for a certificate whose validity ended a day ago. */
    public IssueOptions expired() {
        return withValidity(Validity.endedAgo(Duration.ofDays(1)));
    }

    public IssueOptions with(Flaw flaw) {
        Set<Flaw> more = EnumSet.of(flaw);
        more.addAll(flaws);
        return new IssueOptions(keyType, validity, more, ocspResponder);
    }

    /** The same options for a certificate that names its OCSP responder (authorityInfoAccess), an http URL. */
    public IssueOptions withOcspResponder(String url) {
        if (!url.startsWith("http://")) {
            throw new IllegalArgumentException("an OCSP responder is reached over plain http (RFC 6960 A.1): " + url);
        }
        return new IssueOptions(keyType, validity, flaws, url);
    }

    public boolean has(Flaw flaw) {
        return flaws.contains(flaw);
    }
}
