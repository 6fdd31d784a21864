package org.c4tap.core.trust;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.c4tap.core.smime.Certificates;

/** A named certificate that has expired or soon will, as {@link CertificateExpiry} finds them. */
public sealed interface ExpiryWarning permits ExpiryWarning.Expired, ExpiryWarning.Expiring {

    /** The name the gateway knows the certificate by, such as a key store or registry entry. */
    String name();

    X509Certificate certificate();

    Instant notAfter();

    /** A line for the log. */
    default String message() {
        String what = "certificate '" + name() + "' " + Certificates.describe(certificate());
        return switch (this) {
            case Expired expired -> what + " EXPIRED at " + expired.notAfter();
            case Expiring expiring -> what + " expires in " + expiring.days() + (expiring.days() == 1 ? " day" : " days")
                    + ", at " + expiring.notAfter();
        };
    }

    /** Past its notAfter. */
    record Expired(String name, X509Certificate certificate, Instant notAfter) implements ExpiryWarning {
    }

    /** Still valid, but not for longer than the window. */
    record Expiring(String name, X509Certificate certificate, Instant notAfter, Duration remaining) implements ExpiryWarning {

        /** Whole days left, rounded down. */
        public long days() {
            return remaining.toDays();
        }
    }
}
