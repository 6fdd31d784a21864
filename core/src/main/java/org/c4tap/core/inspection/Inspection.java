package org.c4tap.core.inspection;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What was learnt about one attachment without executing it or extracting it to disk.
 *
 * @param detectedType       the media type its bytes show, by their magic alone, ignoring the file
 *                           name, such as {@code application/pdf}
 * @param flags              what was seen in its name and content, including inside its archives
 * @param archive            its listing, when it is an archive
 * @param notes              what could not be read or was left unread
 * @param decompressedBytes  how many decompressed bytes were read to learn this; never more than
 *                           the limit on bytes in all
 */
public record Inspection(String detectedType, Set<Flag> flags, Optional<ArchiveListing> archive,
        List<InspectionNote> notes, long decompressedBytes) {

    public Inspection {
        Objects.requireNonNull(detectedType, "detectedType");
        flags = Flag.frozen(flags);
        Objects.requireNonNull(archive, "archive");
        notes = List.copyOf(notes);
    }

    public boolean has(Flag flag) {
        return flags.contains(flag);
    }
}
