package org.c4tap.core.acceptance;

import jakarta.mail.internet.MimeMessage;
import java.util.Optional;
import java.util.function.Supplier;
import org.c4tap.core.smime.OpenFailure;
import org.c4tap.core.smime.Opened;
import org.c4tap.core.smime.Opener;
import org.c4tap.core.trust.CertificateRejection;
import org.c4tap.core.trust.CertificateValidator;

/**
 * Opens a sealed message and validates its signer: it decrypts with our key (at least as strongly
 * as configured), the signature verifies over the content, and the signer's certificate chains to
 * a trust anchor, is valid and unrevoked, may sign mail, and names the address the signed content
 * says it is from (the protected From). What a recipient of a notice checks, and the first half of
 * what the council checks of a report. Immutable and safe to share between threads.
 */
public final class TrustedOpener {

    private final Opener opener;
    private final Optional<? extends Supplier<CertificateValidator>> validator;

    /**
     * @param validator certificate validation in force (read for each message, as CRLs change);
     *                  empty only where pinning is the whole trust
     */
    public TrustedOpener(Opener opener, Optional<? extends Supplier<CertificateValidator>> validator) {
        this.opener = opener;
        this.validator = validator;
    }

    public Opened open(MimeMessage sealed) throws Refusal {
        Opened opened;
        try {
            opened = opener.open(sealed);
        } catch (OpenFailure failure) {
            throw Refusal.of(failure);
        }
        if (validator.isPresent()) {
            try {
                validator.get().get().validateSigner(opened.signer(), opened.certificates(), sender(opened));
            } catch (CertificateRejection rejection) {
                throw Refusal.of(rejection);
            }
        }
        return opened;
    }

    /** The address the signed content says it is from: the protected From, the one the signature covers. */
    private static String sender(Opened opened) throws Refusal {
        String from = opened.headers().from();
        int open = from.lastIndexOf('<');
        String address = open >= 0 && from.endsWith(">") ? from.substring(open + 1, from.length() - 1) : from.strip();
        if (address.isEmpty() || address.indexOf('@') < 0) {
            throw new Refusal("address_mismatch", "the signed content names no sender address");
        }
        return address;
    }
}
