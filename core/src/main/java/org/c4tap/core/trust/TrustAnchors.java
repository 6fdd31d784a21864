package org.c4tap.core.trust;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.c4tap.core.smime.Certificates;

/**
 * Certificate path validation (RFC 5280) up to configured trust anchors: signatures along the
 * chain, validity periods, basic constraints and key usage of the issuers. Immutable.
 */
public final class TrustAnchors {

    private final Set<TrustAnchor> anchors;

    public TrustAnchors(List<X509Certificate> anchorCertificates) {
        if (anchorCertificates.isEmpty()) {
            throw new IllegalArgumentException("at least one trust anchor is needed");
        }
        Set<TrustAnchor> set = new HashSet<>();
        for (X509Certificate certificate : anchorCertificates) {
            set.add(new TrustAnchor(certificate, null));
        }
        this.anchors = Set.copyOf(set);
    }

    /**
     * Checks that {@code leaf} chains to an anchor through the {@code others} (any order, extras
     * ignored). Throws with a reason that names certificates, never key material.
     */
    public void validate(X509Certificate leaf, List<X509Certificate> others, Date at) throws UntrustedException {
        List<X509Certificate> path = new ArrayList<>();
        path.add(leaf);
        X509Certificate current = leaf;
        for (int guard = 0; guard < 10; guard++) {
            if (issuedByAnchor(current)) {
                break;
            }
            X509Certificate issuer = null;
            for (X509Certificate candidate : others) {
                if (!candidate.equals(current) && candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal())) {
                    issuer = candidate;
                    break;
                }
            }
            if (issuer == null) {
                break;
            }
            path.add(issuer);
            current = issuer;
        }
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(at);
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
        } catch (CertPathValidatorException e) {
            throw new UntrustedException(Certificates.describe(leaf) + " does not chain to a trusted anchor: "
                    + (e.getReason() == null ? "" : e.getReason().toString().toLowerCase(java.util.Locale.ROOT) + ", ")
                    + e.getMessage());
        } catch (InvalidAlgorithmParameterException e) {
            throw new UntrustedException("the trust anchors cannot be used: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new UntrustedException("the path of " + Certificates.describe(leaf) + " cannot be validated: " + e.getMessage());
        }
    }

    private boolean issuedByAnchor(X509Certificate certificate) {
        for (TrustAnchor anchor : anchors) {
            if (anchor.getTrustedCert().getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                return true;
            }
        }
        return false;
    }

    /** A certificate that does not chain to a trusted anchor. */
    public static final class UntrustedException extends Exception {
        public UntrustedException(String message) {
            super(message);
        }
    }
}
