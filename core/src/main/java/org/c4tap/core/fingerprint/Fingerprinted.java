package org.c4tap.core.fingerprint;

import java.util.Objects;
import java.util.Optional;

/**
 * A stream's fingerprint and, when it was small enough to keep for inspection, its bytes: the one
 * copy of them there is.
 */
public record Fingerprinted(Fingerprint fingerprint, Optional<byte[]> content) {

    public Fingerprinted {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(content, "content");
    }
}
