package org.c4tap.core.trust;

import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXCertPathChecker;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.c4tap.core.smime.Certificates;
import org.c4tap.core.trust.CertificateRejection.Reason;

/**
 * Decides whether an S/MIME certificate may be used, as a CA-backed mail agent would (RFC 8550,
 * RFC 5280): the path to a trust anchor with every certificate valid at the clock's time and each
 * issuer a CA allowed to sign certificates; revocation against the configured CRLs (and OCSP when
 * enabled); the key usage the use needs; emailProtection when extended key usage is restricted;
 * and, for a signer, the sender's address. Immutable and safe to share between threads.
 */
public final class CertificateValidator {

    private static final String EMAIL_PROTECTION = KeyPurposeId.id_kp_emailProtection.getId();
    private static final String ANY_EXTENDED_KEY_USAGE = KeyPurposeId.anyExtendedKeyUsage.getId();

    private final TrustSettings settings;
    private final TrustAnchors anchors;
    private final RevocationLists crls;

    public CertificateValidator(TrustSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.anchors = new TrustAnchors(settings.anchors());
        this.crls = new RevocationLists(settings.crls());
    }

    public TrustSettings settings() {
        return settings;
    }

    /**
     * Validates the certificate of a message's signer.
     *
     * @param others        certificates that came with the signature, to build the path (any order, extras ignored)
     * @param senderAddress the address the message is from; it must be one the certificate names
     */
    public Validation validateSigner(X509Certificate signer, List<X509Certificate> others, String senderAddress)
            throws CertificateRejection {
        Objects.requireNonNull(senderAddress, "senderAddress");
        Validation validation = validatePath(signer, others);
        CertificateUse.SIGNING.require(signer);
        requireEmailProtection(signer);
        if (!CertifiedMailboxes.includes(signer, senderAddress)) {
            throw new CertificateRejection(Reason.ADDRESS_MISMATCH, signer, "the sender " + senderAddress + " is not among the addresses "
                    + CertifiedMailboxes.of(signer) + " of " + Certificates.describe(signer));
        }
        return validation;
    }

    /** Validates a certificate to encrypt to; its path is built from the configured intermediates. */
    public Validation validateRecipient(X509Certificate recipient) throws CertificateRejection {
        Validation validation = validatePath(recipient, List.of());
        CertificateUse.ENCRYPTION.require(recipient);
        requireEmailProtection(recipient);
        return validation;
    }

    private Validation validatePath(X509Certificate leaf, List<X509Certificate> others) throws CertificateRejection {
        Instant at = settings.clock().instant();
        List<X509Certificate> candidates = new ArrayList<>(others);
        candidates.addAll(settings.intermediates());
        List<X509Certificate> path = anchors.path(leaf, candidates, at, ocsp());
        return new Validation(path, crls.check(path, at, settings.expiredCrls()));
    }

    static void requireEmailProtection(X509Certificate certificate) throws CertificateRejection {
        List<String> purposes;
        try {
            purposes = certificate.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new CertificateRejection(Reason.NO_EMAIL_PROTECTION, certificate, "the extended key usage of "
                    + Certificates.describe(certificate) + " cannot be read");
        }
        if (purposes != null && !purposes.contains(EMAIL_PROTECTION) && !purposes.contains(ANY_EXTENDED_KEY_USAGE)) {
            throw new CertificateRejection(Reason.NO_EMAIL_PROTECTION, certificate, Certificates.describe(certificate)
                    + " is not for e-mail: its extended key usage " + purposes + " lacks emailProtection");
        }
    }

    /**
     * A fresh OCSP checker per validation (checkers keep state). Only the end entity is asked, with
     * no fallback to the JDK's own CRL fetching: CA certificates are covered by the configured CRLs.
     */
    private Optional<PKIXCertPathChecker> ocsp() {
        if (!settings.ocsp()) {
            return Optional.empty();
        }
        try {
            PKIXRevocationChecker checker = (PKIXRevocationChecker) CertPathValidator.getInstance("PKIX").getRevocationChecker();
            checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.ONLY_END_ENTITY, PKIXRevocationChecker.Option.NO_FALLBACK));
            return Optional.of(checker);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has a PKIX validator", e);
        }
    }
}
