package org.c4tap.core.inspection;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.c4tap.core.fingerprint.Fingerprint;

/**
 * One entry of an archive as far as it could be learnt without extracting it.
 *
 * @param path           the decoded name, with {@code /} as separator; directories end with {@code /}
 * @param nameEncoding   how the name's bytes were decoded
 * @param size           the uncompressed size the archive declares, if it declares one
 * @param compressedSize the compressed size the archive declares, if the format has one per entry
 * @param encrypted      whether the entry's data is encrypted
 * @param fingerprint    the fingerprint of the entry's data, present only when it was read whole
 *                       within the limits
 * @param nested         the listing of the entry when it is itself an archive within the depth limit
 * @param flags          what was seen in the entry's name and content, including inside it
 */
public record ArchiveEntry(String path, NameEncoding nameEncoding, OptionalLong size, OptionalLong compressedSize,
        boolean encrypted, Optional<Fingerprint> fingerprint, Optional<ArchiveListing> nested, Set<Flag> flags) {

    public ArchiveEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(nameEncoding, "nameEncoding");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(compressedSize, "compressedSize");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(nested, "nested");
        flags = Flag.frozen(flags);
    }

    public boolean directory() {
        return path.endsWith("/");
    }
}
