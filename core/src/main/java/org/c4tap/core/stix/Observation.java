package org.c4tap.core.stix;

import java.util.Objects;
import org.c4tap.core.scope.Part;
import org.c4tap.core.scope.Scope;

/** One observable as one part of the report shows it, with the part and its scope. */
record Observation(Observable observable, Part part, Scope scope) {

    Observation {
        Objects.requireNonNull(observable, "observable");
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(scope, "scope");
    }
}
