package org.c4tap.core.acceptance;

import jakarta.mail.internet.MimeMessage;
import java.util.Optional;
import java.util.function.Supplier;
import org.c4tap.core.entity.ReportEntity;
import org.c4tap.core.registry.Organisation;
import org.c4tap.core.registry.Registry;
import org.c4tap.core.report.Report;
import org.c4tap.core.report.ReportFormatException;
import org.c4tap.core.sample.SampleEntity;
import org.c4tap.core.smime.OpenFailure;
import org.c4tap.core.smime.Opened;
import org.c4tap.core.smime.Opener;
import org.c4tap.core.trust.CertificateValidator;
import org.c4tap.core.trust.ParticipantTrust;

/**
 * The council's rule for accepting a sealed report, in order: it decrypts with the council's key
 * (at least as strongly as configured); its signature verifies over its content; the signer's
 * certificate chains to a trust anchor, is valid, unrevoked, fit for signing mail and names the
 * address the report claims to come from (the protected From); and it is the very certificate the
 * registry pins for an active organisation. Any failure is a {@link Refusal}. Immutable and safe to
 * share between threads.
 */
public final class ReportAcceptance {

    private final TrustedOpener opener;
    private final Supplier<Registry> registry;

    /**
     * @param validator certificate validation in force (read for each report, as the CRLs change);
     *                  empty only where the registry's pinning is the whole trust (tests, or a
     *                  council that runs without a CA)
     */
    public ReportAcceptance(Opener opener, Optional<? extends Supplier<CertificateValidator>> validator, Supplier<Registry> registry) {
        this.opener = new TrustedOpener(opener, validator);
        this.registry = registry;
    }

    public Accepted accept(MimeMessage sealed) throws Refusal {
        Opened opened = opener.open(sealed);
        Organisation provider;
        try {
            provider = ParticipantTrust.provider(opened, registry.get());
        } catch (OpenFailure failure) {
            throw Refusal.of(failure);
        }
        Report report;
        try {
            report = ReportEntity.parse(opened.content());
        } catch (ReportFormatException e) {
            throw new Refusal(OpenFailure.Reason.MALFORMED_REPORT.key(), e.getMessage());
        }
        return new Accepted(report, provider, opened);
    }

    /** The same rule for a report's samples: a sealed sample parcel from a registered, validated gateway. */
    public AcceptedSamples acceptSamples(MimeMessage sealed) throws Refusal {
        Opened opened = opener.open(sealed);
        Organisation provider;
        try {
            provider = ParticipantTrust.provider(opened, registry.get());
        } catch (OpenFailure failure) {
            throw Refusal.of(failure);
        }
        try {
            return new AcceptedSamples(SampleEntity.parse(opened.content()), provider, opened);
        } catch (ReportFormatException e) {
            throw new Refusal(OpenFailure.Reason.MALFORMED_REPORT.key(), e.getMessage());
        }
    }
}
