package org.c4tap.core.fingerprint;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What identifies a file without carrying it: the size and digests of its decoded bytes in lower
 * case hexadecimal, and its fuzzy hashes — ssdeep as the {@code ssdeep} tool prints it, TLSH as
 * the reference {@code tlsh} tool prints it ({@code T1…}), or the empty string where TLSH has no
 * value (fewer than 50 bytes, too little variety).
 */
public record Fingerprint(long size, String md5, String sha1, String sha256, String sha512, String ssdeep, String tlsh) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]*");
    private static final Pattern SSDEEP = Pattern.compile("[0-9]+:[A-Za-z0-9+/]*:[A-Za-z0-9+/]*");
    private static final Pattern TLSH = Pattern.compile("T1[0-9A-F]{70}");

    public Fingerprint {
        if (size < 0) {
            throw new IllegalArgumentException("negative size");
        }
        md5 = hex(md5, 32, "md5");
        sha1 = hex(sha1, 40, "sha1");
        sha256 = hex(sha256, 64, "sha256");
        sha512 = hex(sha512, 128, "sha512");
        ssdeep = ssdeep == null ? "" : ssdeep;
        tlsh = tlsh == null ? "" : tlsh;
        if (!ssdeep.isEmpty() && !SSDEEP.matcher(ssdeep).matches()) {
            throw new IllegalArgumentException("ssdeep is not blocksize:hash:hash");
        }
        if (!tlsh.isEmpty() && !TLSH.matcher(tlsh).matches()) {
            throw new IllegalArgumentException("tlsh is not T1 and 70 hex digits");
        }
    }

    /** A fingerprint without fuzzy hashes, as older reports and archive entries carry. */
    public Fingerprint(long size, String md5, String sha1, String sha256, String sha512) {
        this(size, md5, sha1, sha256, sha512, "", "");
    }

    private static String hex(String value, int length, String name) {
        Objects.requireNonNull(value, name);
        if (value.length() != length || !HEX.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " is not " + length + " lower-case hex digits");
        }
        return value;
    }
}
