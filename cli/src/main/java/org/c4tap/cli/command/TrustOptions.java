package org.c4tap.cli.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.c4tap.core.trust.CertificateValidator;
import org.c4tap.core.trust.TrustSettings;
import picocli.CommandLine.Option;

/** The trust anchors and CRLs a command validates certificates against, as the gateways do. */
final class TrustOptions {

    @Option(names = "--trust", paramLabel = "PEM", description = "trust anchor certificate(s), PEM: the participants' CA")
    Path anchors;

    @Option(names = "--crl", paramLabel = "FILE", description = "a CRL of the CA, PEM or DER (repeatable)")
    List<Path> crls = new ArrayList<>();

    /** The validator, or empty when no anchors were given. */
    Optional<CertificateValidator> validator() throws Exception {
        if (anchors == null) {
            if (!crls.isEmpty()) {
                throw new IllegalArgumentException("--crl needs --trust: a CRL is checked along a path to a trust anchor");
            }
            return Optional.empty();
        }
        return Optional.of(new CertificateValidator(TrustSettings.read(anchors, crls)));
    }
}
