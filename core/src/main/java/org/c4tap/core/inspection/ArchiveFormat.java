package org.c4tap.core.inspection;

/** The archive formats the inspector lists. */
public enum ArchiveFormat {
    ZIP("zip"),
    SEVEN_Z("7z"),
    TAR("tar"),
    GZIP("gzip");

    private final String key;

    ArchiveFormat(String key) {
        this.key = key;
    }

    /** The format's stable name in reports. */
    public String key() {
        return key;
    }

    public static java.util.Optional<ArchiveFormat> fromKey(String key) {
        for (ArchiveFormat value : values()) {
            if (value.key.equals(key)) {
                return java.util.Optional.of(value);
            }
        }
        return java.util.Optional.empty();
    }
}
