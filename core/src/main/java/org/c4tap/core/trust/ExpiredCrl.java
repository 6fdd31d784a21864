package org.c4tap.core.trust;

import java.time.Instant;
import javax.security.auth.x500.X500Principal;

/**
 * A CRL past its nextUpdate that was still applied because {@link TrustSettings#expiredCrls()}
 * allows it: the validation stands, but the operator should fetch a fresh CRL.
 */
public record ExpiredCrl(X500Principal issuer, Instant nextUpdate) {

    public String message() {
        return "the CRL of " + issuer.getName() + " expired at " + nextUpdate + "; a fresh one is needed";
    }
}
