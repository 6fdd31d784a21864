package org.c4tap.core.stix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.c4tap.core.scope.Scope;

/**
 * One cyber-observable object of a bundle, made from every part that shows it and marked with
 * the scope its content allows.
 *
 * <p>Parts that show the same observable give it the same identifier, and a bundle holds each
 * identifier once, so their views are merged: the object has every property any of them gives
 * (the first part's value when they differ). Each property may travel as far as the widest part
 * that holds that very value, and the object as far as its least travelled property. An
 * attacker's address that the indicators (GREEN) and the headers (AMBER) both show is GREEN; with
 * the display name only the headers give, it is AMBER. An object is thus never marked wider than
 * a part that shows all of it, nor narrower than it needs to be.
 */
record MarkedObservable(String type, String id, ObjectNode properties, Scope scope) {

    MarkedObservable {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        properties = properties.deepCopy();
        Objects.requireNonNull(scope, "scope");
    }

    @Override
    public ObjectNode properties() {
        return properties.deepCopy();
    }

    /** One object per identifier, in the order the identifiers first occur. */
    static List<MarkedObservable> merge(List<Observation> observations) {
        Map<String, List<Observation>> byId = new LinkedHashMap<>();
        for (Observation observation : observations) {
            byId.computeIfAbsent(observation.observable().id(), id -> new ArrayList<>()).add(observation);
        }
        return byId.entrySet().stream().map(entry -> merged(entry.getKey(), entry.getValue())).toList();
    }

    ObjectNode toJson() {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        object.put("type", type);
        object.put("spec_version", "2.1");
        object.put("id", id);
        object.setAll(properties.deepCopy());
        object.set("object_marking_refs", ScopeMarking.of(scope).objectMarkingRefs());
        return object;
    }

    private static MarkedObservable merged(String id, List<Observation> views) {
        ObjectNode properties = JsonNodeFactory.instance.objectNode();
        for (Observation view : views) {
            view.observable().properties().properties()
                    .forEach(property -> properties.putIfAbsent(property.getKey(), property.getValue()));
        }
        // Nothing goes further than the widest part that shows the object; each property narrows that.
        Scope scope = views.stream().map(Observation::scope).reduce(Scope.RED, (a, b) -> a.includes(b) ? a : b);
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            scope = scope.narrowest(widestHolding(property, views));
        }
        return new MarkedObservable(views.getFirst().observable().type(), id, properties, scope);
    }

    private static Scope widestHolding(Map.Entry<String, JsonNode> property, List<Observation> views) {
        Scope widest = Scope.RED;
        for (Observation view : views) {
            boolean holds = property.getValue().equals(view.observable().properties().get(property.getKey()));
            if (holds && view.scope().includes(widest)) {
                widest = view.scope();
            }
        }
        return widest;
    }
}
