package org.c4tap.core.stix;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.c4tap.core.scope.Scope;

/**
 * The CEPTOAR Council as a STIX {@code identity}: the creator of the C⁴TAP scope extension, of its
 * marking definitions and of every report object. Its identifier is fixed, so that consumers can
 * recognise the council's objects across bundles.
 */
final class CouncilIdentity {

    static final String ID = "identity--3975e5f9-2d6a-4e10-887b-bb7a53749503";

    private CouncilIdentity() {
    }

    static ObjectNode toJson() {
        ObjectNode identity = JsonNodeFactory.instance.objectNode();
        identity.put("type", "identity");
        identity.put("spec_version", "2.1");
        identity.put("id", ID);
        identity.put("created", ScopeExtension.DEFINED);
        identity.put("modified", ScopeExtension.DEFINED);
        identity.put("name", "CEPTOAR Council");
        identity.put("description", "The council of Japan's critical-infrastructure CEPTOARs, which runs C4TAP: "
                + "the sharing of reports of suspected targeted-attack e-mail among its members.");
        identity.put("identity_class", "organization");
        // Who the council is and the names of its markings are public.
        identity.set("object_marking_refs", ScopeMarking.of(Scope.WHITE).objectMarkingRefs());
        return identity;
    }
}
