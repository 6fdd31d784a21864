package org.c4tap.mailets;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.c4tap.core.trust.TrustFiles;
import org.c4tap.core.trust.TrustSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate-validation parameters: {@code trustAnchors} (PEM file of the CA certificates
 * participants' certificates must chain to), {@code crls} (CRL files, PEM or DER, comma separated),
 * {@code expiredCrls} ({@code reject}, the default, or {@code warn}: what to do when a CRL is past
 * its next update), {@code ocsp} ({@code false}, the default, or {@code true}: ask each end entity's
 * OCSP responder too, named in its authorityInfoAccess; off by default because gateways often cannot
 * reach responders, and when on, an unanswered question refuses the certificate,
 * {@code revocation_unknown}). The files are read again when they change (a CA's new CRL applies without a
 * restart); a new version that cannot be read is refused and the last good one stays.
 *
 * <p>{@code trustAnchors} is required: a gateway does not quietly run without validating
 * certificates. {@code <trustAnchors>none</trustAnchors>} turns validation off on purpose (then
 * only the registry's pinned certificates are checked, and the log says so at every start); it is
 * meant for test set-ups, never for a gateway that carries real reports.
 */
final class TrustParameters {

    static final Set<String> NAMES = Set.of("trustAnchors", "crls", "expiredCrls", "ocsp");
    private static final String NONE = "none";
    private static final Logger LOGGER = LoggerFactory.getLogger(TrustParameters.class);

    private TrustParameters() {
    }

    static Optional<TrustFiles> read(InitParameters parameters, String mailet) throws MessagingException {
        String anchors = parameters.optional("trustAnchors", null);
        if (anchors == null) {
            throw parameters.error("<trustAnchors> is required: the PEM file of the CA certificates that certificates must chain to"
                    + " (or 'none' to turn certificate validation off, for tests only)");
        }
        if (anchors.equalsIgnoreCase(NONE)) {
            LOGGER.warn("{}: no trustAnchors: certificates are not validated (chain, validity, revocation, usage, address);"
                    + " only the registry's pinned certificates are checked", mailet);
            return Optional.empty();
        }
        List<Path> crls = new ArrayList<>();
        for (String crl : parameters.optional("crls", "").split("[,\\s]+")) {
            if (!crl.isBlank()) {
                crls.add(ServerFiles.resolve(crl));
            }
        }
        TrustSettings.ExpiredCrlPolicy policy = parameters.parsed("expiredCrls", "reject", value -> {
            for (TrustSettings.ExpiredCrlPolicy candidate : TrustSettings.ExpiredCrlPolicy.values()) {
                if (candidate.name().equalsIgnoreCase(value.strip())) {
                    return candidate;
                }
            }
            throw new IllegalArgumentException("'" + value + "' is not reject or warn");
        });
        boolean ocsp = parameters.parsed("ocsp", "false", value -> switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("'" + value + "' is not true or false");
        });
        if (ocsp) {
            LOGGER.info("{}: OCSP on: each end entity's responder is asked, and a certificate whose status it does not give is refused", mailet);
        }
        try {
            return Optional.of(TrustFiles.open(ServerFiles.resolve(anchors), crls, policy, ocsp));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw parameters.error("cannot read the trust anchors or CRLs: " + e.getMessage());
        }
    }
}
