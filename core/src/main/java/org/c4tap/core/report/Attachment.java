package org.c4tap.core.report;

import java.util.Objects;
import org.c4tap.core.fingerprint.Fingerprint;

/**
 * One attachment of the reported mail, as far as it is shared: its decoded name, declared type,
 * where it sat in the MIME tree, and the fingerprint of its decoded bytes.
 *
 * @param filename    the decoded file name, or the empty string when the part had none
 * @param contentType the declared media type, lower case, without parameters
 * @param partPath    the part's position, such as {@code 1.2} (1-based, like IMAP)
 */
public record Attachment(String filename, String contentType, String partPath, Fingerprint fingerprint) {

    public Attachment {
        filename = filename == null ? "" : filename;
        contentType = contentType == null ? "application/octet-stream" : contentType;
        Objects.requireNonNull(partPath, "partPath");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }
}
