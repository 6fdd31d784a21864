package org.c4tap.core.scope;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The scope of each part of one report. Every part has one; immutable. */
public final class PartScopes {

    private final Map<Part, Scope> scopes;

    private PartScopes(Map<Part, Scope> scopes) {
        this.scopes = Collections.unmodifiableMap(scopes);
    }

    /**
     * Builds from a map; a part the map leaves out is RED, so an incomplete label set can only
     * narrow what is shared.
     */
    public static PartScopes of(Map<Part, Scope> scopes) {
        EnumMap<Part, Scope> complete = new EnumMap<>(Part.class);
        for (Part part : Part.values()) {
            complete.put(part, scopes.getOrDefault(part, Scope.RED));
        }
        return new PartScopes(complete);
    }

    public static PartScopes all(Scope scope) {
        EnumMap<Part, Scope> map = new EnumMap<>(Part.class);
        for (Part part : Part.values()) {
            map.put(part, scope);
        }
        return new PartScopes(map);
    }

    public Scope of(Part part) {
        return scopes.get(part);
    }

    public Map<Part, Scope> asMap() {
        return scopes;
    }

    /** The parts whose scope reaches a recipient cleared for {@code clearance}. */
    public Set<Part> partsReaching(Scope clearance) {
        EnumSet<Part> parts = EnumSet.noneOf(Part.class);
        scopes.forEach((part, scope) -> {
            if (scope.includes(clearance)) {
                parts.add(part);
            }
        });
        return parts;
    }

    /** The widest scope any part has: who could receive anything of this report at all. */
    public Scope widest() {
        Scope widest = Scope.RED;
        for (Scope scope : scopes.values()) {
            if (scope.includes(widest)) {
                widest = scope;
            }
        }
        return widest;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PartScopes that && scopes.equals(that.scopes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scopes);
    }

    @Override
    public String toString() {
        return scopes.toString();
    }
}
