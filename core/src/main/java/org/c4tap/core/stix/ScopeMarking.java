package org.c4tap.core.stix;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.c4tap.core.scope.Scope;

/**
 * A C⁴TAP sharing scope as a STIX {@code marking-definition} named like {@code C4TAP:AMBER},
 * carrying its scope through the {@link ScopeExtension} the way the TLP 2.0 definitions carry
 * their level. The five identifiers are fixed for good: consumers act on them.
 */
record ScopeMarking(Scope scope) {

    ScopeMarking {
        Objects.requireNonNull(scope, "scope");
    }

    static ScopeMarking of(Scope scope) {
        return new ScopeMarking(scope);
    }

    String id() {
        return switch (scope) {
            case RED -> "marking-definition--4f6193a9-ed7c-4623-ac46-ba18d6833bc7";
            case AMBER -> "marking-definition--fa642e86-1ee8-47f9-a56c-07afce2e795b";
            case YELLOW -> "marking-definition--cf81997d-c4c4-4405-ab32-68d1c7a8dff3";
            case GREEN -> "marking-definition--b612352a-ddd7-4739-95f6-d4a269817339";
            case WHITE -> "marking-definition--6df8d756-1c7f-4812-9bdf-7f3877f1dd51";
        };
    }

    String name() {
        return "C4TAP:" + scope.label();
    }

    /**
     * The {@code object_marking_refs} of an object of this scope: this marking, then the TLP 2.0
     * equivalent for consumers that know only TLP, where there is one.
     */
    ArrayNode objectMarkingRefs() {
        ArrayNode refs = JsonNodeFactory.instance.arrayNode().add(id());
        TlpMarking.equivalentOf(scope).ifPresent(tlp -> refs.add(tlp.id()));
        return refs;
    }

    ObjectNode toJson() {
        ObjectNode marking = JsonNodeFactory.instance.objectNode();
        marking.put("type", "marking-definition");
        marking.put("spec_version", "2.1");
        marking.put("id", id());
        marking.put("created_by_ref", CouncilIdentity.ID);
        marking.put("created", ScopeExtension.DEFINED);
        marking.put("name", name());
        marking.putObject("extensions").putObject(ScopeExtension.ID)
                .put("extension_type", "property-extension")
                // The label as the C⁴TAP rules and report format write it: a canonical name of
                // another standard, which STIX §3.1 lets keep its case.
                .put(ScopeExtension.PROPERTY, scope.label());
        return marking;
    }
}
