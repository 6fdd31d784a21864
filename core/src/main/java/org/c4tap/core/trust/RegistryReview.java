package org.c4tap.core.trust;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.c4tap.core.registry.RegisteredCertificate;
import org.c4tap.core.smime.Certificates;

/**
 * Reviews the certificates a registry names before it is put in force: each must be valid now, fit
 * for what the council does with it (encrypting notices to it, or checking reports signed with
 * it), and meant for e-mail; with trust anchors, it must also chain to one and not be revoked.
 * Findings carry the line of the file. The gateway itself does not refuse a registry for these, it
 * skips an unusable certificate when it meets it; this review is for the administrator who edits
 * the file.
 */
public final class RegistryReview {

    /** How serious a finding is: an error makes {@code registry validate} fail. */
    public enum Severity { ERROR, WARNING }

    /** One thing found, at a line of the registry file. */
    public record Finding(Severity severity, int line, String message) {
        @Override
        public String toString() {
            return "line " + line + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
        }
    }

    private RegistryReview() {
    }

    /**
     * @param validator  chain and revocation checks, when trust anchors are given
     * @param warnWithin how soon an expiry is worth a warning
     */
    public static List<Finding> review(List<RegisteredCertificate> certificates, Optional<CertificateValidator> validator, Instant now,
                                       Duration warnWithin) {
        List<Finding> findings = new ArrayList<>();
        for (RegisteredCertificate registered : certificates) {
            X509Certificate certificate = registered.certificate();
            String who = Certificates.describe(certificate) + " (" + registered.organisation() + ", " + registered.holder() + ")";
            Instant notBefore = certificate.getNotBefore().toInstant();
            Instant notAfter = certificate.getNotAfter().toInstant();
            if (now.isBefore(notBefore)) {
                findings.add(error(registered, who + " is not valid before " + day(notBefore)));
            } else if (!now.isBefore(notAfter)) {
                findings.add(error(registered, who + " expired on " + day(notAfter)));
            } else if (now.plus(warnWithin).isAfter(notAfter)) {
                findings.add(new Finding(Severity.WARNING, registered.line(), who + " expires on " + day(notAfter)));
            }
            try {
                if (registered.use() == RegisteredCertificate.Use.RECEIVES_NOTICES) {
                    CertificateUse.ENCRYPTION.require(certificate);
                } else {
                    CertificateUse.SIGNING.require(certificate);
                }
                CertificateValidator.requireEmailProtection(certificate);
            } catch (CertificateRejection rejection) {
                findings.add(error(registered, rejection.getMessage()));
            }
            if (registered.use() == RegisteredCertificate.Use.RECEIVES_NOTICES
                    && !CertifiedMailboxes.includes(certificate, registered.holder())) {
                findings.add(new Finding(Severity.WARNING, registered.line(), who + " does not name " + registered.holder()
                        + " (it names " + CertifiedMailboxes.of(certificate) + "); some mail clients will not decrypt with it"));
            }
            if (validator.isPresent()) {
                boolean leafOutOfValidity = now.isBefore(notBefore) || !now.isBefore(notAfter);
                chain(registered, who, validator.get(), leafOutOfValidity).ifPresent(findings::add);
            }
        }
        findings.sort(Comparator.comparingInt(Finding::line));
        return findings;
    }

    private static Optional<Finding> chain(RegisteredCertificate registered, String who, CertificateValidator validator,
                                           boolean leafOutOfValidity) {
        try {
            if (registered.use() == RegisteredCertificate.Use.RECEIVES_NOTICES) {
                validator.validateRecipient(registered.certificate());
            } else {
                List<String> mailboxes = CertifiedMailboxes.of(registered.certificate());
                validator.validateSigner(registered.certificate(), List.of(), mailboxes.isEmpty() ? "" : mailboxes.get(0));
            }
            return Optional.empty();
        } catch (CertificateRejection rejection) {
            // the certificate's own validity and usage were reported above; what is left is the
            // chain (an expired CA included) and revocation
            boolean reported = switch (rejection.reason()) {
                case WRONG_KEY_USAGE, NO_EMAIL_PROTECTION -> true;
                case EXPIRED -> leafOutOfValidity;
                default -> false;
            };
            return reported ? Optional.empty() : Optional.of(error(registered, who + ": " + rejection.getMessage()));
        }
    }

    private static Finding error(RegisteredCertificate registered, String message) {
        return new Finding(Severity.ERROR, registered.line(), message);
    }

    private static String day(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }
}
