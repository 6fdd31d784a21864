package org.c4tap.core.trust;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.c4tap.core.smime.Certificates;

/**
 * What a {@link CertificateValidator} trusts and how strictly it checks.
 *
 * @param anchors       the trust anchors (CA certificates)
 * @param intermediates CA certificates available to build paths, not trusted by themselves
 * @param crls          CRLs; each applies to the certificates its issuer issued
 * @param expiredCrls   whether a CRL past its nextUpdate rejects a certificate or only warns
 * @param ocsp          whether to ask the end entity's OCSP responder too (through the JDK's PKIX
 *                      revocation checker, responder from the authorityInfoAccess extension)
 * @param clock         the time certificates and CRLs are checked at
 */
public record TrustSettings(
        List<X509Certificate> anchors,
        List<X509Certificate> intermediates,
        List<X509CRL> crls,
        ExpiredCrlPolicy expiredCrls,
        boolean ocsp,
        Clock clock) {

    /** What an expired CRL does. */
    public enum ExpiredCrlPolicy {
        /** The certificate is refused with {@code crl_expired}. */
        REJECT,
        /** The CRL still applies and the validation reports it in {@link Validation#expiredCrls()}. */
        WARN
    }

    public TrustSettings {
        anchors = List.copyOf(anchors);
        intermediates = List.copyOf(intermediates);
        crls = List.copyOf(crls);
        Objects.requireNonNull(expiredCrls, "expiredCrls");
        Objects.requireNonNull(clock, "clock");
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("at least one trust anchor is needed");
        }
    }

    /** The defaults: these anchors, no CRLs, expired CRLs fatal, no OCSP, the system clock. */
    public static TrustSettings anchoredAt(List<X509Certificate> anchors) {
        return new TrustSettings(anchors, List.of(), List.of(), ExpiredCrlPolicy.REJECT, false, Clock.systemUTC());
    }

    /** The defaults with the anchors of a PEM file and the CRLs of PEM or DER files. */
    public static TrustSettings read(Path anchorsPem, List<Path> crlFiles) throws IOException, GeneralSecurityException {
        List<X509CRL> read = new ArrayList<>();
        for (Path file : crlFiles) {
            read.addAll(CrlFiles.read(file));
        }
        return anchoredAt(Certificates.read(anchorsPem)).withCrls(read);
    }

    public TrustSettings withIntermediates(List<X509Certificate> certificates) {
        return new TrustSettings(anchors, certificates, crls, expiredCrls, ocsp, clock);
    }

    public TrustSettings withCrls(List<X509CRL> lists) {
        return new TrustSettings(anchors, intermediates, lists, expiredCrls, ocsp, clock);
    }

    public TrustSettings withExpiredCrls(ExpiredCrlPolicy policy) {
        return new TrustSettings(anchors, intermediates, crls, policy, ocsp, clock);
    }

    public TrustSettings withOcsp(boolean enabled) {
        return new TrustSettings(anchors, intermediates, crls, expiredCrls, enabled, clock);
    }

    public TrustSettings withClock(Clock at) {
        return new TrustSettings(anchors, intermediates, crls, expiredCrls, ocsp, at);
    }
}
