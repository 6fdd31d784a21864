package org.c4tap.core.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.c4tap.core.scope.Part;
import org.c4tap.core.scope.PartScopes;
import org.c4tap.core.scope.Scope;
import org.c4tap.core.scope.ScopeChoice;

/**
 * A C⁴TAP report: what the gateway learnt about one reported mail, divided into parts, each with
 * its scope. A part that is absent was withheld (or never known); renderings are always rebuilt
 * from the parts that remain, never filtered after rendering.
 */
public record Report(
        ReportId id,
        Instant created,
        ScopeChoice choice,
        PartScopes scopes,
        Map<Part, PartContent> parts,
        List<Note> notes) {

    /** The version of the report format; bump it when a contract key changes. */
    public static final String FORMAT_VERSION = "1.0";

    public Report {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(choice, "choice");
        Objects.requireNonNull(scopes, "scopes");
        EnumMap<Part, PartContent> copy = new EnumMap<>(Part.class);
        parts.forEach((part, content) -> {
            if (content.part() != part) {
                throw new IllegalArgumentException(content.getClass().getSimpleName() + " is not the " + part.key() + " part");
            }
            copy.put(part, content);
        });
        parts = Collections.unmodifiableMap(copy);
        notes = List.copyOf(notes);
    }

    public <T extends PartContent> Optional<T> part(Class<T> type) {
        for (PartContent content : parts.values()) {
            if (type.isInstance(content)) {
                return Optional.of(type.cast(content));
            }
        }
        return Optional.empty();
    }

    public boolean has(Part part) {
        return parts.containsKey(part);
    }

    /**
     * The report as a recipient cleared for {@code clearance} may see it: only the parts whose
     * scope reaches that clearance, and only the notes about those parts.
     */
    public Report restrictTo(Scope clearance) {
        EnumMap<Part, PartContent> kept = new EnumMap<>(Part.class);
        parts.forEach((part, content) -> {
            if (scopes.of(part).includes(clearance)) {
                kept.put(part, content);
            }
        });
        List<Note> keptNotes = notes.stream().filter(note -> kept.containsKey(note.part())).toList();
        return new Report(id, created, choice, scopes, kept, keptNotes);
    }

    /** A copy with {@code content} in its part, replacing what was there. */
    public Report with(PartContent content) {
        EnumMap<Part, PartContent> changed = new EnumMap<>(Part.class);
        changed.putAll(parts);
        changed.put(content.part(), content);
        return new Report(id, created, choice, scopes, changed, notes);
    }

    /** A copy without the given part and without the notes about it. */
    public Report without(Part part) {
        EnumMap<Part, PartContent> changed = new EnumMap<>(Part.class);
        changed.putAll(parts);
        changed.remove(part);
        List<Note> keptNotes = notes.stream().filter(note -> note.part() != part).toList();
        return new Report(id, created, choice, scopes, changed, keptNotes);
    }

    public Report withNote(Note note) {
        List<Note> more = new ArrayList<>(notes);
        more.add(note);
        return new Report(id, created, choice, scopes, parts, more);
    }
}
