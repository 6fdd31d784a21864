package org.c4tap.core.report;

import java.util.Objects;
import org.c4tap.core.scope.Part;

/**
 * Something that could not be read or was left out, recorded instead of thrown. A note belongs to
 * the part it concerns and travels only where that part may go; its detail never quotes content.
 */
public record Note(Part part, String kind, String detail) {

    public Note {
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(kind, "kind");
        detail = detail == null ? "" : detail;
    }
}
