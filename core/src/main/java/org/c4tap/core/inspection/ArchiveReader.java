package org.c4tap.core.inspection;

/** Lists one archive format into a {@link ListingBuilder}, which reads and examines the entries. */
sealed interface ArchiveReader permits ZipReader, SevenZipReader, TarReader, GzipReader {

    /**
     * Lists {@code archive}; never throws on bad input, but records what it could not list.
     *
     * @param name the archive's own file name, for formats that name their content after it
     */
    void list(byte[] archive, String name, ListingBuilder listing);

    static ArchiveReader of(ArchiveFormat format) {
        return switch (format) {
            case ZIP -> new ZipReader();
            case SEVEN_Z -> new SevenZipReader();
            case TAR -> new TarReader();
            case GZIP -> new GzipReader();
        };
    }
}
