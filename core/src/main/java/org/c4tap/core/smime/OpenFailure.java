package org.c4tap.core.smime;

import java.util.Objects;

/**
 * A sealed message that was not accepted, with a machine-readable reason. The message says what
 * failed and names certificates, never content or key material.
 */
public final class OpenFailure extends Exception {

    public enum Reason {
        NOT_SMIME("not_smime"),
        MALFORMED("malformed"),
        NOT_FOR_US("not_encrypted_for_us"),
        CANNOT_DECRYPT("cannot_decrypt"),
        TAMPERED("tampered"),
        WEAKER_THAN_ALLOWED("weaker_than_allowed"),
        NOT_SIGNED("not_signed"),
        SIGNER_CERTIFICATE_MISSING("signer_certificate_missing"),
        /** The signer's certificate was expired or not yet valid at the signing time the signature states. */
        SIGNER_CERTIFICATE_NOT_VALID("signer_certificate_not_valid"),
        BAD_SIGNATURE("bad_signature"),
        UNKNOWN_SIGNER("unknown_signer"),
        INACTIVE_ORGANISATION("inactive_organisation"),
        MALFORMED_REPORT("malformed_report"),
        UNTRUSTED_CERTIFICATE("untrusted_certificate");

        private final String key;

        Reason(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    private final Reason reason;

    public OpenFailure(Reason reason, String message) {
        super(reason.key() + ": " + message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
