package org.c4tap.core.stix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.c4tap.core.report.PartContent;
import org.c4tap.core.report.Report;
import org.c4tap.core.scope.Part;
import org.c4tap.core.scope.Scope;

/**
 * A C⁴TAP report as a STIX 2.1 bundle, for the threat-intelligence platforms of its recipients.
 * Render it from the report as one recipient may see it ({@link Report#restrictTo}): a part that
 * is absent produces nothing at all.
 *
 * <p>The bundle holds, in this order: the CEPTOAR Council's {@code identity}; the
 * {@code extension-definition} of the C⁴TAP sharing scope; the five C⁴TAP marking definitions
 * ({@code C4TAP:RED} … {@code C4TAP:WHITE}), always all five, since they are public and fixed and
 * let any reader resolve and order every scope; the TLP 2.0 marking definitions they map to; the
 * {@code report} (when the reader's parts show any observable); and the cyber-observables: URLs,
 * domain names, IP and e-mail addresses from the indicators, a {@code file} per attachment, and
 * the {@code email-message} with its {@code email-addr} objects from the headers.
 *
 * <p><b>Markings.</b> Every observable carries the C⁴TAP marking of the part it came from
 * (merged as {@link MarkedObservable} explains when several parts show it) and the report the
 * narrowest marking among its observables ({@link ReportObject}). A C⁴TAP scope says whom the
 * council may send something to; TLP says how far a recipient may pass it on. They answer
 * different questions, so the C⁴TAP marking is always there and governs; the TLP 2.0 marking is
 * added where a TLP level lets a recipient pass content no further than the scope reaches:
 * RED → TLP:RED (the named recipients only), AMBER → TLP:AMBER (within the recipients'
 * organisations), GREEN → TLP:GREEN (the community), WHITE → TLP:CLEAR (anyone). YELLOW — the
 * participants and the observers who agreed to the rules — has no such level: TLP:AMBER would
 * forbid what YELLOW allows and TLP:GREEN allow what it forbids, so YELLOW objects carry only
 * {@code C4TAP:YELLOW}; there is no TLP:YELLOW.
 *
 * <p><b>Identifiers</b> are never random ({@link StixIdentifier}): rendering the same report
 * again gives the same bundle, byte for byte. The only times are the report's creation time and
 * the fixed dates of the council's definitions.
 */
public final class StixBundle {

    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private StixBundle() {
    }

    public static String render(Report report) {
        try {
            return MAPPER.writeValueAsString(toTree(report));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a bundle tree always serialises", e);
        }
    }

    public static ObjectNode toTree(Report report) {
        List<Observation> observations = new ArrayList<>();
        for (PartContent content : report.parts().values()) {
            Scope scope = report.scopes().of(content.part());
            PartObservables.of(content).forEach(observable -> observations.add(new Observation(observable, content.part(), scope)));
        }
        List<MarkedObservable> observables = MarkedObservable.merge(observations);
        Set<Part> shownParts = EnumSet.noneOf(Part.class);
        observations.forEach(observation -> shownParts.add(observation.part()));

        ObjectNode bundle = MAPPER.createObjectNode();
        bundle.put("type", "bundle");
        bundle.put("id", StixIdentifier.ofView("bundle", report.id(), shownParts));
        ArrayNode objects = bundle.putArray("objects");
        objects.add(CouncilIdentity.toJson());
        objects.add(ScopeExtension.toJson());
        for (Scope scope : Scope.values()) {
            objects.add(ScopeMarking.of(scope).toJson());
        }
        for (Scope scope : Scope.values()) {
            TlpMarking.equivalentOf(scope).ifPresent(tlp -> objects.add(tlp.toJson()));
        }
        if (!observables.isEmpty()) {
            // A report must refer to at least one object; with nothing to show there is no report.
            objects.add(ReportObject.of(report, observables, shownParts));
        }
        observables.forEach(observable -> objects.add(observable.toJson()));
        return bundle;
    }
}
