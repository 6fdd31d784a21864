package org.c4tap.core.registry;

import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.c4tap.core.smime.Certificates;

/** The council's participant registry: who may report, and who may receive what. Immutable. */
public final class Registry {

    private final List<Organisation> organisations;
    private final Map<String, Organisation> byId = new LinkedHashMap<>();
    private final Map<String, Organisation> byGatewayFingerprint = new LinkedHashMap<>();

    public Registry(List<Organisation> organisations) {
        this.organisations = List.copyOf(organisations);
        for (Organisation organisation : this.organisations) {
            if (byId.putIfAbsent(organisation.id(), organisation) != null) {
                throw new IllegalArgumentException("duplicate organisation id " + organisation.id());
            }
            for (X509Certificate certificate : organisation.gatewayCertificates()) {
                byGatewayFingerprint.put(Certificates.fingerprint(certificate), organisation);
            }
        }
    }

    public List<Organisation> organisations() {
        return organisations;
    }

    public Optional<Organisation> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The organisation whose gateway is pinned to exactly this certificate. */
    public Optional<Organisation> byGatewayCertificate(X509Certificate certificate) {
        return Optional.ofNullable(byGatewayFingerprint.get(Certificates.fingerprint(certificate)));
    }
}
