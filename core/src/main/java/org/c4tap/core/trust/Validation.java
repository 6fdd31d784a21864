package org.c4tap.core.trust;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate that passed validation.
 *
 * @param path       the validated path: the certificate first, the trust anchor last
 * @param expiredCrls CRLs that were past their nextUpdate and applied anyway, to be logged
 */
public record Validation(List<X509Certificate> path, List<ExpiredCrl> expiredCrls) {

    public Validation {
        path = List.copyOf(path);
        expiredCrls = List.copyOf(expiredCrls);
    }

    public X509Certificate certificate() {
        return path.get(0);
    }

    public X509Certificate anchor() {
        return path.get(path.size() - 1);
    }
}
