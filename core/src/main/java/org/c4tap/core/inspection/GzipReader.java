package org.c4tap.core.inspection;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Lists a gzip file as an archive of one entry: its first member, named as the header names it.
 * A tar inside (tar.gz) is listed as that entry's nested archive.
 */
final class GzipReader implements ArchiveReader {

    private static final int SMALLEST_MEMBER = 18;

    @Override
    public void list(byte[] gzip, String name, ListingBuilder listing) {
        // The trailer declares the size modulo 2^32: a lie or a wrap shows up as a mismatch once read.
        OptionalLong size = gzip.length < SMALLEST_MEMBER ? OptionalLong.empty()
                : OptionalLong.of((gzip[gzip.length - 4] & 0xFFL) | (gzip[gzip.length - 3] & 0xFFL) << 8
                        | (gzip[gzip.length - 2] & 0xFFL) << 16 | (gzip[gzip.length - 1] & 0xFFL) << 24);
        listing.declare(size, OptionalLong.empty());
        listing.checkDeclaredTotals();
        try (GzipCompressorInputStream in = GzipCompressorInputStream.builder()
                .setInputStream(new ByteArrayInputStream(gzip))
                .setDecompressConcatenated(false)
                .get()) {
            String fileName = in.getMetaData().getFileName();
            EntryName entryName = fileName == null ? new EntryName("", NameEncoding.ASCII)
                    // Read as ISO-8859-1, which keeps the header's bytes for decoding like zip names.
                    : EntryName.guess(fileName.getBytes(StandardCharsets.ISO_8859_1), NameEncoding.ISO_8859_1);
            listing.addRead(entryName, size, OptionalLong.empty(),
                    () -> new EntryStream(new UnclosableInputStream(in), in::getCompressedCount));
        } catch (IOException | RuntimeException unreadable) {
            listing.unreadable("header unreadable (" + unreadable.getClass().getSimpleName() + ")");
        }
    }
}
