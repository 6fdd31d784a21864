package org.c4tap.core.trust;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathChecker;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.c4tap.core.smime.Certificates;
import org.c4tap.core.trust.CertificateRejection.Reason;

/**
 * Certificate path validation (RFC 5280) up to configured trust anchors: signatures along the
 * chain, validity periods of every certificate (the anchor's too), basic constraints and key usage
 * of the issuers. Revocation is left to the caller ({@link CertificateValidator}). Immutable.
 */
public final class TrustAnchors {

    /** Longer paths are not built: no CA of this community nests deeper. */
    private static final int MAX_PATH_LENGTH = 10;

    private final List<X509Certificate> certificates;
    private final Set<TrustAnchor> anchors;

    public TrustAnchors(List<X509Certificate> anchorCertificates) {
        if (anchorCertificates.isEmpty()) {
            throw new IllegalArgumentException("at least one trust anchor is needed");
        }
        this.certificates = List.copyOf(anchorCertificates);
        Set<TrustAnchor> set = new HashSet<>();
        for (X509Certificate certificate : certificates) {
            set.add(new TrustAnchor(certificate, null));
        }
        this.anchors = Set.copyOf(set);
    }

    /** The anchor certificates. */
    public List<X509Certificate> certificates() {
        return certificates;
    }

    /**
     * Checks that {@code leaf} chains to an anchor through the {@code others} (any order, extras
     * ignored). Throws with a reason that names certificates, never key material.
     */
    public void validate(X509Certificate leaf, List<X509Certificate> others, Date at) throws UntrustedException {
        try {
            path(leaf, others, at.toInstant(), Optional.empty());
        } catch (CertificateRejection e) {
            throw new UntrustedException(e.getMessage());
        }
    }

    /**
     * Builds and validates the path of {@code leaf} through {@code others} at {@code at}.
     *
     * @param revocation a checker the JDK's PKIX validator runs on every certificate (OCSP)
     * @return the path, {@code leaf} first and the anchor's certificate last
     * @throws CertificateRejection {@code untrusted_chain}, {@code expired}, or with a revocation
     *                              checker {@code revoked} or {@code revocation_unknown}
     */
    List<X509Certificate> path(X509Certificate leaf, List<X509Certificate> others, Instant at,
            Optional<PKIXCertPathChecker> revocation) throws CertificateRejection {
        List<X509Certificate> path = build(leaf, others);
        PKIXCertPathValidatorResult result;
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(anchors);
            // CRLs are applied by CertificateValidator, only where one is configured
            parameters.setRevocationEnabled(false);
            revocation.ifPresent(parameters::addCertPathChecker);
            parameters.setDate(Date.from(at));
            result = (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
        } catch (CertPathValidatorException e) {
            X509Certificate culprit = e.getIndex() >= 0 && e.getIndex() < path.size() ? path.get(e.getIndex()) : leaf;
            throw rejection(e, culprit, at);
        } catch (InvalidAlgorithmParameterException e) {
            throw new CertificateRejection(Reason.UNTRUSTED_CHAIN, leaf, "the trust anchors cannot be used: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new CertificateRejection(Reason.UNTRUSTED_CHAIN, leaf, "the path of " + Certificates.describe(leaf)
                    + " cannot be validated: " + e.getMessage());
        }
        X509Certificate anchor = result.getTrustAnchor().getTrustedCert();
        // PKIX takes an anchor's validity on trust; an expired root should not vouch for anyone
        if (!within(anchor, at)) {
            throw new CertificateRejection(Reason.EXPIRED, anchor, "the trust anchor " + validityProblem(anchor, at));
        }
        List<X509Certificate> validated = new ArrayList<>(path);
        validated.add(anchor);
        return List.copyOf(validated);
    }

    /** Walks up from {@code leaf} by issuer name, preferring the candidate whose key verifies the signature. */
    private List<X509Certificate> build(X509Certificate leaf, List<X509Certificate> others) {
        List<X509Certificate> path = new ArrayList<>();
        path.add(leaf);
        X509Certificate current = leaf;
        while (path.size() < MAX_PATH_LENGTH && !issuedByAnchor(current)) {
            Optional<X509Certificate> issuer = issuerAmong(current, others, path);
            if (issuer.isEmpty()) {
                break;
            }
            path.add(issuer.get());
            current = issuer.get();
        }
        return path;
    }

    private boolean issuedByAnchor(X509Certificate certificate) {
        for (X509Certificate anchor : certificates) {
            if (anchor.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()) && signedBy(certificate, anchor)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<X509Certificate> issuerAmong(X509Certificate certificate, List<X509Certificate> candidates,
            List<X509Certificate> used) {
        X509Certificate byName = null;
        for (X509Certificate candidate : candidates) {
            if (used.contains(candidate) || !candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                continue;
            }
            if (signedBy(certificate, candidate)) {
                return Optional.of(candidate);
            }
            if (byName == null) {
                byName = candidate;
            }
        }
        // a name match that does not verify still goes into the path, so that PKIX names the failure
        return Optional.ofNullable(byName);
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static CertificateRejection rejection(CertPathValidatorException e, X509Certificate culprit, Instant at) {
        Reason reason = e.getReason() instanceof BasicReason basic ? switch (basic) {
            case EXPIRED, NOT_YET_VALID -> Reason.EXPIRED;
            case REVOKED -> Reason.REVOKED;
            case UNDETERMINED_REVOCATION_STATUS -> Reason.REVOCATION_UNKNOWN;
            default -> Reason.UNTRUSTED_CHAIN;
        } : Reason.UNTRUSTED_CHAIN;
        String detail = switch (reason) {
            case EXPIRED -> validityProblem(culprit, at);
            case REVOKED -> Certificates.describe(culprit) + " is revoked according to OCSP: " + e.getMessage();
            case REVOCATION_UNKNOWN -> "the revocation status of " + Certificates.describe(culprit) + " is unknown: " + e.getMessage();
            default -> Certificates.describe(culprit) + " does not chain to a trusted anchor: " + e.getMessage();
        };
        return new CertificateRejection(reason, culprit, detail);
    }

    private static boolean within(X509Certificate certificate, Instant at) {
        return !at.isBefore(certificate.getNotBefore().toInstant()) && !at.isAfter(certificate.getNotAfter().toInstant());
    }

    private static String validityProblem(X509Certificate certificate, Instant at) {
        Instant notAfter = certificate.getNotAfter().toInstant();
        return at.isAfter(notAfter)
                ? Certificates.describe(certificate) + " expired at " + notAfter
                : Certificates.describe(certificate) + " is not valid before " + certificate.getNotBefore().toInstant();
    }

    /** A certificate that does not chain to a trusted anchor. */
    public static final class UntrustedException extends Exception {
        public UntrustedException(String message) {
            super(message);
        }
    }
}
