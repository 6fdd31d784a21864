package org.c4tap.core.stix;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.UUID;
import java.util.stream.Collectors;
import org.c4tap.core.report.ReportId;
import org.c4tap.core.scope.Part;

/**
 * The identifiers ({@code type--uuid}, STIX 2.1 §2.9) of the objects a report becomes. None is
 * random: the same report always renders with the same identifiers.
 *
 * <ul>
 * <li>A cyber-observable's UUID is version 5 in the STIX namespace over the RFC 8785 form of its
 *     ID contributing properties, exactly as §2.9 says, so that every producer following the
 *     spec names the same observable the same way.</li>
 * <li>The report and the bundle are one reader's view of a C⁴TAP report. §2.9 forbids the STIX
 *     namespace for them, so their UUIDs are version 5 in C⁴TAP's own namespace, over the type,
 *     the report id and the parts the view shows: readers shown different parts get different
 *     objects, never two versions of one object with the same {@code modified} time.</li>
 * </ul>
 */
final class StixIdentifier {

    /** The namespace STIX 2.1 §2.9 fixes for the UUIDv5 of cyber-observables. */
    static final UUID STIX_NAMESPACE = UUID.fromString("00abedb4-aa42-466c-9c01-fed23315a9b7");

    /** C⁴TAP's own namespace, chosen once at random: changing it would rename every report ever rendered. */
    static final UUID C4TAP_NAMESPACE = UUID.fromString("38ecb7c7-e3c0-4db0-97db-ab7dd1fc1105");

    private StixIdentifier() {
    }

    /**
     * The identifier of a cyber-observable.
     *
     * @param contributing the ID contributing properties the object has
     * @param properties   all its properties, which stand in when it has no contributing one
     */
    static String ofObservable(String type, ObjectNode contributing, ObjectNode properties) {
        if (contributing.isEmpty()) {
            // §2.9: with none of the contributing properties present a UUIDv4 MUST be used. Its bits
            // come from the whole object, in our namespace, so the rendering still repeats itself
            // while never claiming the STIX namespace's cross-producer deduplication.
            return type + "--" + DerivedUuid.version4(C4TAP_NAMESPACE, type + " " + CanonicalJson.write(properties));
        }
        return type + "--" + DerivedUuid.version5(STIX_NAMESPACE, CanonicalJson.write(contributing));
    }

    /** The identifier of an object that stands for one view (the parts shown) of a C⁴TAP report. */
    static String ofView(String type, ReportId report, Collection<Part> shownParts) {
        String parts = shownParts.stream().map(Part::key).sorted().collect(Collectors.joining(","));
        return type + "--" + DerivedUuid.version5(C4TAP_NAMESPACE, type + " " + report.value() + " " + parts);
    }
}
