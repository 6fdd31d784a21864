package org.c4tap.core.registry;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A registered organisation.
 *
 * @param gatewayCertificates the certificates its gateway signs reports with; a report is accepted
 *                            only when signed with one of these
 * @param agreedToRules       for observers: whether it declared it agrees to and follows the rules
 */
public record Organisation(
        String id,
        String nameJa,
        String nameEn,
        Optional<Sector> sector,
        Role role,
        boolean agreedToRules,
        boolean active,
        List<X509Certificate> gatewayCertificates,
        List<DeliveryAddress> addresses) {

    public Organisation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(sector, "sector");
        nameJa = nameJa == null ? "" : nameJa;
        nameEn = nameEn == null ? "" : nameEn;
        gatewayCertificates = List.copyOf(gatewayCertificates);
        addresses = List.copyOf(addresses);
    }
}
