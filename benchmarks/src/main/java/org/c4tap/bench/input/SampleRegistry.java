package org.c4tap.bench.input;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.c4tap.core.pki.KeyType;
import org.c4tap.core.registry.DeliveryAddress;
import org.c4tap.core.registry.Organisation;
import org.c4tap.core.registry.Registry;
import org.c4tap.core.registry.Role;
import org.c4tap.core.registry.Sector;
import org.c4tap.core.smime.Credential;

/**
 * A council registry shaped like C⁴TAP's at its start (about 350 organisations): per 350, one
 * secretariat, 3 analysts, 300 participants over the sectors, 30 observers (20 of them agreed to
 * the rules), 15 related parties and one public list. Every organisation has one address with one
 * certificate of its own; every fifth key is EC P-256 (its notice goes by ECDH), the others RSA
 * 2048 (RSA-OAEP); every tenth address reads AES-GCM. The provider is participant {@code org-004},
 * a bank, whose gateway certificate is pinned.
 */
public final class SampleRegistry {

    public static final String PROVIDER_ID = "org-004";

    private final Registry registry;
    private final Organisation provider;

    private SampleRegistry(Registry registry, Organisation provider) {
        this.registry = registry;
        this.provider = provider;
    }

    public static SampleRegistry of(BenchPki pki, int size) {
        if (size < 6) {
            throw new IllegalArgumentException("a sample registry needs at least 6 organisations");
        }
        List<Organisation> organisations = new ArrayList<>();
        Sector[] sectors = Sector.values();
        for (int i = 0; i < size; i++) {
            String id = "org-%03d".formatted(i);
            Role role = role(i, size);
            String address = "c4tap@" + id + ".example";
            KeyType type = i % 5 == 4 ? KeyType.EC_P256 : KeyType.RSA_2048;
            Credential key = pki.key(id, address, type);
            List<X509Certificate> gateway = id.equals(PROVIDER_ID) ? List.of(pki.key(id + "-gateway", "report@" + id + ".example",
                    KeyType.RSA_2048).certificate()) : List.of();
            Optional<Sector> sector = role == Role.PARTICIPANT ? Optional.of(id.equals(PROVIDER_ID) ? Sector.BANKING
                    : sectors[i % sectors.length]) : Optional.empty();
            organisations.add(new Organisation(id, "組織 " + i, "Organisation " + i, sector, role,
                    role != Role.OBSERVER || i % 3 != 0, true, gateway,
                    List.of(new DeliveryAddress(address, List.of(key.certificate()), i % 10 == 7))));
        }
        Registry registry = new Registry(organisations);
        return new SampleRegistry(registry, registry.byId(PROVIDER_ID).orElseThrow());
    }

    /** 1 secretariat, 3 analysts, then participants, observers, related parties and a public list in the proportions above. */
    private static Role role(int index, int size) {
        if (index == 0) {
            return Role.SECRETARIAT;
        }
        if (index <= 3) {
            return Role.ANALYST;
        }
        if (index == size - 1) {
            return Role.PUBLIC;
        }
        int related = Math.max(1, size * 15 / 350);
        int observers = Math.max(1, size * 30 / 350);
        if (index >= size - 1 - related) {
            return Role.RELATED;
        }
        if (index >= size - 1 - related - observers) {
            return Role.OBSERVER;
        }
        return Role.PARTICIPANT;
    }

    public Registry registry() {
        return registry;
    }

    public Organisation provider() {
        return provider;
    }

    /** Every organisation's encryption certificates, in registry order. */
    public List<X509Certificate> certificates() {
        return registry.organisations().stream().flatMap(organisation -> organisation.addresses().stream())
                .flatMap(address -> address.certificates().stream()).toList();
    }
}
