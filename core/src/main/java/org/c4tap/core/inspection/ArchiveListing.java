package org.c4tap.core.inspection;

import java.util.List;
import java.util.Objects;

/**
 * What an archive holds, listed from its headers without unpacking it to disk.
 *
 * <p>{@code encrypted}, {@code bomb} and {@code truncated} describe the archive together with every
 * archive listed inside it: a zip holding a bomb is a bomb.
 *
 * @param format              the archive's format
 * @param encrypted           whether any entry, or the archive's headers, are encrypted
 * @param entries             the entries listed, in archive order, at most the limits allow
 * @param totalSize           the sum of the uncompressed sizes the archive declares; for zip and 7z
 *                            this covers every entry, listed or not
 * @param totalCompressedSize the sum of the compressed sizes the entries declare, or the archive's
 *                            own size for formats without sizes per entry (7z, gzip)
 * @param ratio               {@code totalSize} over the compressed bytes, never counting more
 *                            compressed bytes than the archive holds, so that entries sharing data
 *                            cannot hide a high ratio
 * @param bomb                whether the archive declares or shows more expansion than the limits
 *                            allow, or has entries whose data overlaps; a bomb is never unpacked
 * @param truncated           whether the limits kept some of it from being listed or read
 */
public record ArchiveListing(ArchiveFormat format, boolean encrypted, List<ArchiveEntry> entries, long totalSize,
        long totalCompressedSize, double ratio, boolean bomb, boolean truncated) {

    public ArchiveListing {
        Objects.requireNonNull(format, "format");
        entries = List.copyOf(entries);
    }
}
