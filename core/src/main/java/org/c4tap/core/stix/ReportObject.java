package org.c4tap.core.stix;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;
import org.c4tap.core.report.Report;
import org.c4tap.core.scope.Part;
import org.c4tap.core.scope.Scope;

/**
 * The STIX {@code report} that gathers what one reader's bundle holds of a C⁴TAP report.
 *
 * <p>Its {@code object_refs} name every cyber-observable of the bundle, and an identifier can give
 * away what it names (anyone can compute the UUIDv5 of a guessed address and compare), so the
 * report is marked with the narrowest scope among the objects it refers to: it may travel
 * wherever all of them may, and no further. A reader's own copy is always readable to that
 * reader, since the bundle is made from the parts the reader may see.
 */
final class ReportObject {

    private ReportObject() {
    }

    /**
     * @param observables the bundle's cyber-observables, at least one
     * @param shownParts  the parts they were made from
     */
    static ObjectNode of(Report report, List<MarkedObservable> observables, Collection<Part> shownParts) {
        String created = StixTimestamp.of(report.created());
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        object.put("type", "report");
        object.put("spec_version", "2.1");
        object.put("id", StixIdentifier.ofView("report", report.id(), shownParts));
        object.put("created_by_ref", CouncilIdentity.ID);
        object.put("created", created);
        object.put("modified", created);
        object.put("name", "C4TAP report " + report.id().value());
        object.put("description", "A suspected targeted-attack e-mail reported to the CEPTOAR Council (C4TAP): "
                + "what was observed in it, as far as this recipient may see.");
        // The objects are what one reported mail showed, not an analysis of a threat or an indicator.
        object.putArray("report_types").add("observed-data");
        object.put("published", created);
        ArrayNode refs = object.putArray("object_refs");
        observables.forEach(observable -> refs.add(observable.id()));
        // Every view of the same C⁴TAP report carries its id, so that they can be told to be one report.
        object.putArray("external_references").addObject()
                .put("source_name", "c4tap")
                .put("external_id", report.id().value());
        object.set("object_marking_refs", ScopeMarking.of(narrowest(observables)).objectMarkingRefs());
        return object;
    }

    private static Scope narrowest(List<MarkedObservable> observables) {
        return observables.stream().map(MarkedObservable::scope).reduce(Scope.WHITE, Scope::narrowest);
    }
}
