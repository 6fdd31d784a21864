package org.c4tap.core.inspection;

import java.util.Objects;

/**
 * Something an inspection could not read or chose not to, recorded instead of thrown. The detail
 * locates the problem (which entry, at which depth) and never quotes content or names.
 */
public record InspectionNote(NoteKind kind, String detail) {

    public InspectionNote {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }
}
