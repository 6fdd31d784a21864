package org.c4tap.core.stix;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.c4tap.core.scope.Scope;

/**
 * The TLP 2.0 marking definitions that a C⁴TAP scope has an equivalent among, exactly as OASIS
 * publishes them in cti-stix-common-objects (extension
 * {@value #EXTENSION_ID}). Only these identifiers may stand for TLP 2.0, so they are copied, never
 * made up. TLP:AMBER+STRICT ({@code marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003}) is
 * the equivalent of no scope and is not listed.
 */
enum TlpMarking {
    CLEAR("marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", "clear"),
    GREEN("marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", "green"),
    AMBER("marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", "amber"),
    RED("marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", "red");

    static final String EXTENSION_ID = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";
    private static final String CREATED = "2022-10-01T00:00:00.000Z";

    private final String id;
    private final String level;

    TlpMarking(String id, String level) {
        this.id = id;
        this.level = level;
    }

    /**
     * The TLP 2.0 level that lets a recipient pass content on no further than the scope lets the
     * council send it: none for YELLOW, which reaches observers beyond the participants (more than
     * TLP:AMBER allows) but not the community at large (less than TLP:GREEN allows).
     */
    static Optional<TlpMarking> equivalentOf(Scope scope) {
        return switch (scope) {
            case RED -> Optional.of(RED);
            case AMBER -> Optional.of(AMBER);
            case YELLOW -> Optional.empty();
            case GREEN -> Optional.of(GREEN);
            case WHITE -> Optional.of(CLEAR);
        };
    }

    String id() {
        return id;
    }

    /** The name OASIS gives the definition, such as {@code TLP:CLEAR}. */
    String label() {
        return "TLP:" + name();
    }

    ObjectNode toJson() {
        ObjectNode marking = JsonNodeFactory.instance.objectNode();
        marking.put("type", "marking-definition");
        marking.put("spec_version", "2.1");
        marking.put("id", id);
        marking.put("created", CREATED);
        marking.put("name", label());
        marking.putObject("extensions").putObject(EXTENSION_ID)
                .put("extension_type", "property-extension")
                .put("tlp_2_0", level);
        return marking;
    }
}
