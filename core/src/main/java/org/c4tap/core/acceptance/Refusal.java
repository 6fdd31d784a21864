package org.c4tap.core.acceptance;

import java.util.Objects;
import org.c4tap.core.smime.OpenFailure;
import org.c4tap.core.trust.CertificateRejection;

/**
 * Why the council refused a sealed report, with a machine-readable {@link #key()} such as
 * {@code unknown_signer}, {@code revoked} or {@code tampered}. The message names certificates and
 * what failed, never content or key material.
 */
public final class Refusal extends Exception {

    private final String key;

    public Refusal(String key, String message) {
        super(key + ": " + message);
        this.key = Objects.requireNonNull(key, "key");
    }

    public static Refusal of(OpenFailure failure) {
        return new Refusal(failure.reason().key(), failure.getMessage().substring(failure.reason().key().length() + 2));
    }

    public static Refusal of(CertificateRejection rejection) {
        String message = rejection.getMessage();
        String prefix = rejection.reason().key() + ": ";
        return new Refusal(rejection.reason().key(), message.startsWith(prefix) ? message.substring(prefix.length()) : message);
    }

    public String key() {
        return key;
    }
}
