package org.c4tap.core.report;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.c4tap.core.fingerprint.Fingerprint;
import org.c4tap.core.inspection.ArchiveListing;
import org.c4tap.core.inspection.Flag;

/**
 * One attachment of the reported mail, as far as it is shared: its decoded name, declared and
 * detected types, where it sat in the MIME tree, the fingerprint of its decoded bytes, what
 * inspection flagged, and what an archive lists. Never the bytes.
 *
 * @param filename     the decoded file name, or the empty string when the part had none
 * @param contentType  the declared media type, lower case, without parameters
 * @param partPath     the part's position, such as {@code 1.2} (1-based, like IMAP)
 * @param detectedType the media type the bytes show (magic), or the empty string when not inspected
 */
public record Attachment(String filename, String contentType, String partPath, Fingerprint fingerprint, String detectedType,
                         Set<Flag> flags, Optional<ArchiveListing> archive) {

    public Attachment {
        filename = filename == null ? "" : filename;
        contentType = contentType == null ? "application/octet-stream" : contentType;
        Objects.requireNonNull(partPath, "partPath");
        Objects.requireNonNull(fingerprint, "fingerprint");
        detectedType = detectedType == null ? "" : detectedType;
        flags = Collections.unmodifiableSet(flags.isEmpty() ? EnumSet.noneOf(Flag.class) : EnumSet.copyOf(flags));
        Objects.requireNonNull(archive, "archive");
    }

    /** An attachment known only by its name, type and fingerprint. */
    public Attachment(String filename, String contentType, String partPath, Fingerprint fingerprint) {
        this(filename, contentType, partPath, fingerprint, "", Set.of(), Optional.empty());
    }
}
