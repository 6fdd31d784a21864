package org.c4tap.core.fingerprint;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What identifies a file without carrying it: the size and digests of its decoded bytes, in lower
 * case hexadecimal.
 */
public record Fingerprint(long size, String md5, String sha1, String sha256, String sha512) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]*");

    public Fingerprint {
        if (size < 0) {
            throw new IllegalArgumentException("negative size");
        }
        md5 = hex(md5, 32, "md5");
        sha1 = hex(sha1, 40, "sha1");
        sha256 = hex(sha256, 64, "sha256");
        sha512 = hex(sha512, 128, "sha512");
    }

    private static String hex(String value, int length, String name) {
        Objects.requireNonNull(value, name);
        if (value.length() != length || !HEX.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " is not " + length + " lower-case hex digits");
        }
        return value;
    }
}
