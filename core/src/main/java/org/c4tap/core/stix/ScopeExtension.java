package org.c4tap.core.stix;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.c4tap.core.scope.Scope;

/**
 * The STIX {@code extension-definition} through which the five C⁴TAP marking definitions say which
 * sharing scope they stand for: a property extension adding {@code c4tap_scope} to
 * {@code marking-definition}, as STIX 2.1 §7.2.1 recommends for any new marking and as the OASIS
 * TLP 2.0 extension does with {@code tlp_2_0}.
 */
final class ScopeExtension {

    static final String ID = "extension-definition--8bd819c3-5c58-43ea-bbaf-52aebf906904";
    static final String SCHEMA = "https://c4tap.example/stix/c4tap-scope-1.json";
    static final String VERSION = "1.0";
    static final String PROPERTY = "c4tap_scope";

    /**
     * When the council's STIX definitions were first published. Fixed: marking definitions cannot
     * be versioned (§7.2.1), so a changed definition would be a new one with a new identifier.
     */
    static final String DEFINED = "2026-11-26T00:00:00.000Z";

    private ScopeExtension() {
    }

    static ObjectNode toJson() {
        ObjectNode extension = JsonNodeFactory.instance.objectNode();
        extension.put("type", "extension-definition");
        extension.put("spec_version", "2.1");
        extension.put("id", ID);
        extension.put("created_by_ref", CouncilIdentity.ID);
        extension.put("created", DEFINED);
        extension.put("modified", DEFINED);
        extension.put("name", "C4TAP sharing scope");
        extension.put("description", "Marks content with the C4TAP sharing scope that says whom the CEPTOAR Council may "
                + "send it to, narrowest first: RED (the providing organisation, the secretariat and the analysts), "
                + "AMBER (also the participants), YELLOW (also the observers who agreed to the sharing rules), "
                + "GREEN (also related parties), WHITE (may be made public). A scope is not a TLP level: "
                + "TLP says how far a recipient may pass content on.");
        extension.put("schema", SCHEMA);
        extension.put("version", VERSION);
        extension.putArray("extension_types").add("property-extension");
        extension.set("object_marking_refs", ScopeMarking.of(Scope.WHITE).objectMarkingRefs());
        return extension;
    }
}
