package org.c4tap.core.audience;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.c4tap.core.registry.Organisation;
import org.c4tap.core.scope.Part;
import org.c4tap.core.scope.Scope;

/** One organisation's share of a report: its clearance and the parts that reach it. */
public record Delivery(Organisation recipient, Scope clearance, Set<Part> parts) {

    public Delivery {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(clearance, "clearance");
        parts = Collections.unmodifiableSet(parts.isEmpty() ? EnumSet.noneOf(Part.class) : EnumSet.copyOf(parts));
    }
}
