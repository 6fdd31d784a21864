package org.c4tap.core.notice;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.c4tap.core.audience.Audience;
import org.c4tap.core.audience.Delivery;
import org.c4tap.core.entity.ReportEntity;
import org.c4tap.core.registry.DeliveryAddress;
import org.c4tap.core.registry.Organisation;
import org.c4tap.core.registry.Registry;
import org.c4tap.core.registry.Role;
import org.c4tap.core.report.ProviderName;
import org.c4tap.core.report.ProviderSector;
import org.c4tap.core.report.Report;
import org.c4tap.core.sample.SampleEntity;
import org.c4tap.core.sample.SampleParcel;
import org.c4tap.core.scope.Scope;
import org.c4tap.core.smime.Certificates;
import org.c4tap.core.smime.OuterHeaders;
import org.c4tap.core.smime.SealException;
import org.c4tap.core.smime.Sealer;
import org.c4tap.core.smime.SealingProfile;
import org.c4tap.core.relay.Relay;
import org.c4tap.core.trust.CertificateRejection;
import org.c4tap.core.trust.CertificateValidator;

/**
 * Turns an accepted report into one sealed notice per recipient organisation. Each notice is
 * rebuilt from the parts that organisation may see; it is never a filtered copy of a rendering. It
 * is encrypted with the sealer's profile (AES-256-CBC by default, which mail clients read), or
 * with AES-256-GCM when the registry says every address of the organisation reads it.
 * Immutable and safe to share between threads.
 */
public final class Distributor {

    private final Sealer sealer;
    private final String councilAddress;
    private final List<X509Certificate> archiveCertificates;
    private final Optional<? extends Supplier<CertificateValidator>> validator;

    /**
     * @param archiveCertificates certificates every notice is also encrypted to, so the council can
     *                            read its own archive; may be empty
     */
    public Distributor(Sealer sealer, String councilAddress, List<X509Certificate> archiveCertificates) {
        this(sealer, councilAddress, archiveCertificates, Optional.empty());
    }

    private Distributor(Sealer sealer, String councilAddress, List<X509Certificate> archiveCertificates,
                        Optional<? extends Supplier<CertificateValidator>> validator) {
        this.sealer = sealer;
        this.councilAddress = councilAddress;
        this.archiveCertificates = List.copyOf(archiveCertificates);
        this.validator = validator;
    }

    /**
     * This distributor, encrypting only to recipient certificates the validator in force accepts
     * (chain, validity, revocation, key usage): a notice is never encrypted to a revoked or expired
     * certificate. A refused certificate is reported in {@link Distribution#skipped()}.
     */
    public Distributor validatingRecipients(Supplier<CertificateValidator> trust) {
        return new Distributor(sealer, councilAddress, archiveCertificates, Optional.of(trust));
    }

    /**
     * Attributes the report to its provider (from the registry, never from the report) and seals
     * a notice for every organisation that may see a substantive part of it.
     */
    public Distribution distribute(Report report, Organisation provider, Registry registry) throws SealException {
        Report attributed = attributed(report, provider);
        List<Notice> notices = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        CertificateValidator trust = validator.map(Supplier::get).orElse(null);
        // a registry of 350 organisations has at most five views of a report, one per clearance:
        // each is rendered once, and each notice seals a part of its own read from those bytes
        Map<Scope, View> views = new EnumMap<>(Scope.class);
        for (Delivery delivery : Audience.plan(attributed, registry, provider.id())) {
            Organisation recipient = delivery.recipient();
            Optional<Reachable> reachable = reachable(recipient, trust, skipped, archiveCertificates);
            if (reachable.isEmpty()) {
                continue;
            }
            View view = views.get(delivery.clearance());
            if (view == null) {
                view = View.of(attributed, delivery.clearance());
                views.put(delivery.clearance(), view);
            }
            String prefix = "C4TAP notice " + report.id().value();
            OuterHeaders outer = new OuterHeaders(councilAddress, reachable.get().addresses(), prefix,
                    Relay.protectedSubject(prefix, view.report()),
                    "<" + report.id().value() + "." + recipient.id() + "@" + Relay.domainOf(councilAddress) + ">");
            notices.add(new Notice(delivery, reachable.get().addresses(), seal(reachable.get(), view.part(), outer)));
        }
        return new Distribution(attributed, notices, skipped);
    }

    /** A report restricted to one clearance, and its entity rendered once. */
    private record View(Report report, byte[] entity) {

        static View of(Report report, Scope clearance) throws SealException {
            Report restricted = report.restrictTo(clearance);
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                ReportEntity.render(restricted).writeTo(bytes);
                return new View(restricted, bytes.toByteArray());
            } catch (MessagingException | IOException e) {
                throw new SealException("cannot render the notice for clearance " + clearance.label(), e);
            }
        }

        /** A part of its own, read from the shared bytes: sealing writes the recipient's protected headers into it. */
        MimeBodyPart part() throws SealException {
            try {
                return new MimeBodyPart(new SharedByteArrayInputStream(entity));
            } catch (MessagingException e) {
                throw new SealException("cannot read back the rendered notice", e);
            }
        }
    }

    /**
     * The report's WHITE parts, rebuilt on their own, as a publication signed by the council and
     * not encrypted, to {@code addresses} (a public advisory list): nothing when no substantive
     * part of the report is WHITE.
     */
    public Optional<Publication> publish(Report report, Organisation provider, List<String> addresses) throws SealException {
        if (addresses.isEmpty()) {
            return Optional.empty();
        }
        Report white = attributed(report, provider).restrictTo(Scope.WHITE);
        if (!Audience.substantive(white.parts().keySet())) {
            return Optional.empty();
        }
        String subject = "C4TAP advisory " + report.id().value();
        OuterHeaders headers = new OuterHeaders(councilAddress, addresses, subject, Relay.protectedSubject(subject, white),
                "<" + report.id().value() + ".public@" + Relay.domainOf(councilAddress) + ">");
        try {
            return Optional.of(new Publication(white.parts().keySet(), addresses, sealer.signOnly(ReportEntity.render(white), headers)));
        } catch (MessagingException e) {
            throw new SealException("cannot render the publication of " + report.id().value(), e);
        }
    }

    /** Attributes the report to its provider, from the registry, never from the report. */
    private static Report attributed(Report report, Organisation provider) {
        return report
                .with(new ProviderName(provider.id(), provider.nameJa(), provider.nameEn()))
                .with(new ProviderSector(provider.sector().map(sector -> sector.key()).orElse("unspecified")));
    }

    /**
     * Seals a report's samples for the analysts, and for no one else: every active organisation of
     * the analyst role gets the parcel, encrypted to its certificates only. Not even the council's
     * archive certificate: live samples are kept by analysts, in the environment built for them.
     */
    public SampleDistribution distributeSamples(SampleParcel parcel, Registry registry) throws SealException {
        List<Notice> notices = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        CertificateValidator trust = validator.map(Supplier::get).orElse(null);
        for (Organisation recipient : registry.organisations()) {
            if (recipient.role() != Role.ANALYST || !recipient.active()) {
                continue;
            }
            Optional<Reachable> reachable = reachable(recipient, trust, skipped, List.of());
            if (reachable.isEmpty()) {
                continue;
            }
            MimeBodyPart content;
            try {
                content = SampleEntity.render(parcel);
            } catch (MessagingException e) {
                throw new SealException("cannot render the samples for " + recipient.id(), e);
            }
            String subject = "C4TAP samples " + parcel.reportId().value();
            OuterHeaders outer = new OuterHeaders(councilAddress, reachable.get().addresses(), subject, subject,
                    "<" + parcel.reportId().value() + ".samples." + recipient.id() + "@" + Relay.domainOf(councilAddress) + ">");
            notices.add(new Notice(new Delivery(recipient, Scope.RED, Set.of()), reachable.get().addresses(),
                    seal(reachable.get(), content, outer)));
        }
        if (notices.isEmpty() && skipped.isEmpty()) {
            skipped.add("no active analyst organisation in the registry: the samples of " + parcel.reportId().value()
                    + " reach no one");
        }
        return new SampleDistribution(notices, skipped);
    }

    /** An organisation's addresses that have a usable certificate, those certificates, and whether all read GCM. */
    private record Reachable(List<String> addresses, List<X509Certificate> certificates, boolean gcm) {
    }

    private static Optional<Reachable> reachable(Organisation recipient, CertificateValidator trust, List<String> skipped,
                                                 List<X509Certificate> alsoEncryptTo) {
        List<String> addresses = new ArrayList<>();
        List<X509Certificate> certificates = new ArrayList<>();
        boolean gcm = true;
        for (DeliveryAddress address : recipient.addresses()) {
            if (address.certificates().isEmpty()) {
                skipped.add(recipient.id() + " <" + address.address() + ">: no certificate to encrypt to");
                continue;
            }
            List<X509Certificate> usable = new ArrayList<>();
            for (X509Certificate certificate : address.certificates()) {
                if (trust == null) {
                    usable.add(certificate);
                    continue;
                }
                try {
                    trust.validateRecipient(certificate);
                    usable.add(certificate);
                } catch (CertificateRejection rejection) {
                    skipped.add(recipient.id() + " <" + address.address() + ">: certificate "
                            + Certificates.describe(certificate) + " refused: " + rejection.getMessage());
                }
            }
            if (usable.isEmpty()) {
                continue;
            }
            addresses.add(address.address());
            certificates.addAll(usable);
            gcm &= address.gcm();
        }
        if (addresses.isEmpty()) {
            skipped.add(recipient.id() + ": no address with a certificate; nothing sent");
            return Optional.empty();
        }
        certificates.addAll(alsoEncryptTo);
        return Optional.of(new Reachable(addresses, certificates, gcm));
    }

    private MimeMessage seal(Reachable reachable, MimeBodyPart content, OuterHeaders outer) throws SealException {
        Sealer forRecipient = reachable.gcm() ? sealer.with(sealer.profile().with(SealingProfile.ContentEncryption.AES_256_GCM)) : sealer;
        return forRecipient.seal(content, outer, reachable.certificates());
    }

}
