package org.c4tap.core.trust;

import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.c4tap.core.smime.Certificates;
import org.c4tap.core.trust.CertificateRejection.Reason;
import org.c4tap.core.trust.TrustSettings.ExpiredCrlPolicy;

/**
 * The configured CRLs, by issuer. A CRL covers the certificates whose issuer name is the CRL's
 * issuer and counts only when the issuing CA's key signed it; certificates of CAs without a
 * configured CRL are not checked. Immutable.
 */
final class RevocationLists {

    private static final int CRL_SIGN = 6;

    private final Map<X500Principal, List<X509CRL>> byIssuer;

    RevocationLists(List<X509CRL> crls) {
        Map<X500Principal, List<X509CRL>> index = new HashMap<>();
        for (X509CRL crl : crls) {
            index.computeIfAbsent(crl.getIssuerX500Principal(), issuer -> new ArrayList<>()).add(crl);
        }
        Map<X500Principal, List<X509CRL>> frozen = new HashMap<>();
        index.forEach((issuer, lists) -> frozen.put(issuer, List.copyOf(lists)));
        this.byIssuer = Map.copyOf(frozen);
    }

    /**
     * Checks every certificate of {@code path} (leaf first, anchor last) against the CRL of its
     * issuer, the next certificate of the path.
     *
     * @return the expired CRLs that were applied because {@code policy} only warns
     */
    List<ExpiredCrl> check(List<X509Certificate> path, Instant at, ExpiredCrlPolicy policy) throws CertificateRejection {
        List<ExpiredCrl> expired = new ArrayList<>();
        for (int i = 0; i + 1 < path.size(); i++) {
            X509Certificate certificate = path.get(i);
            X509Certificate issuer = path.get(i + 1);
            Optional<X509CRL> found = crlOf(certificate, issuer);
            if (found.isEmpty()) {
                continue;
            }
            X509CRL crl = found.get();
            X509CRLEntry entry = crl.getRevokedCertificate(certificate);
            if (entry != null) {
                throw new CertificateRejection(Reason.REVOKED, certificate, Certificates.describe(certificate)
                        + " was revoked at " + entry.getRevocationDate().toInstant() + " according to the CRL of "
                        + issuer.getSubjectX500Principal().getName());
            }
            Instant nextUpdate = crl.getNextUpdate().toInstant();
            if (at.isAfter(nextUpdate)) {
                if (policy == ExpiredCrlPolicy.REJECT) {
                    throw new CertificateRejection(Reason.CRL_EXPIRED, certificate, "the CRL of "
                            + issuer.getSubjectX500Principal().getName() + " expired at " + nextUpdate
                            + ", so the status of " + Certificates.describe(certificate) + " is unknown");
                }
                expired.add(new ExpiredCrl(crl.getIssuerX500Principal(), nextUpdate));
            }
        }
        return List.copyOf(expired);
    }

    /** The newest usable CRL that covers {@code certificate}, none when no CRL is configured for its issuer. */
    private Optional<X509CRL> crlOf(X509Certificate certificate, X509Certificate issuer) throws CertificateRejection {
        List<X509CRL> candidates = byIssuer.getOrDefault(certificate.getIssuerX500Principal(), List.of());
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        String issuerName = issuer.getSubjectX500Principal().getName();
        boolean[] usage = issuer.getKeyUsage();
        if (usage != null && (usage.length <= CRL_SIGN || !usage[CRL_SIGN])) {
            throw unavailable(certificate, Certificates.describe(issuer) + " may not sign CRLs (no cRLSign key usage)");
        }
        List<X509CRL> signed = new ArrayList<>();
        for (X509CRL crl : candidates) {
            if (signedBy(crl, issuer)) {
                signed.add(crl);
            }
        }
        X509CRL newest = signed.stream().max(Comparator.comparing(X509CRL::getThisUpdate))
                .orElseThrow(() -> unavailable(certificate, "no CRL of " + issuerName + " is signed by " + Certificates.describe(issuer)));
        Set<String> critical = newest.getCriticalExtensionOIDs();
        if (critical != null && !critical.isEmpty()) {
            // a delta CRL or a partitioned one (issuingDistributionPoint) does not list every revoked serial
            throw unavailable(certificate, "the CRL of " + issuerName + " has critical extensions " + critical
                    + " that are not processed");
        }
        if (newest.getNextUpdate() == null) {
            throw unavailable(certificate, "the CRL of " + issuerName + " has no nextUpdate");
        }
        return Optional.of(newest);
    }

    private static boolean signedBy(X509CRL crl, X509Certificate issuer) {
        try {
            crl.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static CertificateRejection unavailable(X509Certificate certificate, String why) {
        return new CertificateRejection(Reason.CRL_UNAVAILABLE, certificate, "cannot check whether "
                + Certificates.describe(certificate) + " is revoked: " + why);
    }
}
