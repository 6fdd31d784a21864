package org.c4tap.core.audience;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.c4tap.core.registry.Organisation;
import org.c4tap.core.registry.Registry;
import org.c4tap.core.report.Report;
import org.c4tap.core.scope.Part;
import org.c4tap.core.scope.Scope;

/**
 * Who may receive which parts of a report, by the table of the five scopes:
 *
 * <ul>
 *   <li>RED: the providing organisation, the secretariat and the analysts;</li>
 *   <li>AMBER: RED plus the active participants;</li>
 *   <li>YELLOW: AMBER plus observers that agreed to the rules;</li>
 *   <li>GREEN: YELLOW plus related parties;</li>
 *   <li>WHITE: GREEN plus the public addresses.</li>
 * </ul>
 *
 * An inactive organisation receives nothing, and neither does an observer that has not agreed to
 * the rules.
 */
public final class Audience {

    /** Parts that say who provided a report; on their own they are not worth a notice. */
    private static final Set<Part> ATTRIBUTION = EnumSet.of(Part.PROVIDER_NAME, Part.PROVIDER_SECTOR);

    private Audience() {
    }

    /** Whether {@code parts} say something beyond who provided the report. */
    public static boolean substantive(Set<Part> parts) {
        Set<Part> substantive = EnumSet.noneOf(Part.class);
        substantive.addAll(parts);
        substantive.removeAll(ATTRIBUTION);
        return !substantive.isEmpty();
    }

    /**
     * The narrowest scope whose audience includes {@code organisation} for a report provided by
     * {@code providerId}; empty when no scope does.
     */
    public static Optional<Scope> clearance(Organisation organisation, String providerId) {
        if (!organisation.active()) {
            return Optional.empty();
        }
        if (organisation.id().equals(providerId)) {
            return Optional.of(Scope.RED);
        }
        return switch (organisation.role()) {
            case SECRETARIAT, ANALYST -> Optional.of(Scope.RED);
            case PARTICIPANT -> Optional.of(Scope.AMBER);
            case OBSERVER -> organisation.agreedToRules() ? Optional.of(Scope.YELLOW) : Optional.empty();
            case RELATED -> Optional.of(Scope.GREEN);
            case PUBLIC -> Optional.of(Scope.WHITE);
        };
    }

    /**
     * One delivery per organisation that may see any substantive part of the report, in registry
     * order, with the parts it may see.
     */
    public static List<Delivery> plan(Report report, Registry registry, String providerId) {
        List<Delivery> deliveries = new ArrayList<>();
        for (Organisation organisation : registry.organisations()) {
            Optional<Scope> clearance = clearance(organisation, providerId);
            if (clearance.isEmpty()) {
                continue;
            }
            Set<Part> parts = EnumSet.noneOf(Part.class);
            for (Part part : report.parts().keySet()) {
                if (report.scopes().of(part).includes(clearance.get())) {
                    parts.add(part);
                }
            }
            if (substantive(parts)) {
                deliveries.add(new Delivery(organisation, clearance.get(), parts));
            }
        }
        return deliveries;
    }
}
