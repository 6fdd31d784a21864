package org.c4tap.core.inspection;

/**
 * How an archive entry's name was turned from bytes into text, and how sure that is. Zip names
 * carry no charset unless flagged; Japanese tools commonly write Shift_JIS without saying so.
 */
public enum NameEncoding {
    /** Only ASCII bytes, which every candidate charset reads alike. */
    ASCII,
    /** UTF-8 as the archive declares it: zip's flag bit 11 or Unicode path field, or a tar PAX path. */
    UTF_8,
    /** UTF-16LE, which 7z always uses. */
    UTF_16LE,
    /** Undeclared, but the bytes are valid UTF-8. */
    UTF_8_GUESSED,
    /** Undeclared, not valid UTF-8, but valid Windows-31J (Shift_JIS as Windows writes it). */
    WINDOWS_31J_GUESSED,
    /** Undeclared and neither of the above: zip's default charset, which maps every byte. */
    CP437,
    /** Undeclared and neither of the above: the default of gzip and tar, which maps every byte. */
    ISO_8859_1;

    /** The name used in report JSON, lower case. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static NameEncoding fromKey(String key) {
        for (NameEncoding value : values()) {
            if (value.key().equals(key)) {
                return value;
            }
        }
        return ISO_8859_1;
    }
}
