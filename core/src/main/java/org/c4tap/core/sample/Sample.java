package org.c4tap.core.sample;

import java.util.Objects;

/**
 * The bytes of one attachment of a reported mail, kept only where the operator sends samples, and
 * only on their way into a {@link SampleZip}.
 *
 * @param filename the decoded file name, or the empty string when the part had none
 * @param sha256   the SHA-256 of the bytes, hex, as in the report's fingerprint
 */
public record Sample(String filename, String sha256, byte[] bytes) {

    public Sample {
        filename = filename == null ? "" : filename;
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(bytes, "bytes");
    }

    @Override
    public String toString() {
        return "Sample[" + sha256 + ", " + bytes.length + " bytes]";
    }
}
