package org.c4tap.core.inspection;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Lists a tar archive entry by entry, reading regular files. */
final class TarReader implements ArchiveReader {

    @Override
    public void list(byte[] tar, String name, ListingBuilder listing) {
        int listed = 0;
        // ISO-8859-1 keeps every header byte, so that names can be decoded like zip names afterwards.
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar),
                TarConstants.DEFAULT_BLKSIZE, TarConstants.DEFAULT_RCDSIZE, StandardCharsets.ISO_8859_1.name(), true)) {
            for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; listed++) {
                if (listing.entryRoom() == 0) {
                    listing.leftOut(OptionalLong.empty());
                    return;
                }
                EntryName entryName = nameOf(entry);
                // A sparse entry stores fewer bytes than it expands to; its real size is what it declares.
                OptionalLong size = OptionalLong.of(entry.getRealSize());
                long stored = entry.getSize();
                OptionalLong storedSize = OptionalLong.of(stored);
                listing.declare(size, storedSize);
                if (entry.isFile()) {
                    listing.addRead(entryName, size, storedSize,
                            () -> new EntryStream(new UnclosableInputStream(in), () -> stored));
                } else {
                    listing.addUnread(entryName, entry.isDirectory() ? OptionalLong.of(0) : size, storedSize, false);
                }
            }
            if (listed == 0) {
                listing.unreadable("no entry in it");
            }
        } catch (IOException | RuntimeException damaged) {
            // commons-compress reports some malformed headers with unchecked exceptions.
            if (listed == 0) {
                listing.unreadable("no header readable (" + damaged.getClass().getSimpleName() + ")");
            } else {
                listing.damaged("headers unreadable after entry " + listed + " (" + damaged.getClass().getSimpleName() + ")");
            }
        }
    }

    private static EntryName nameOf(TarArchiveEntry entry) {
        String name = entry.getName();
        // Only a PAX header, always UTF-8, yields characters beyond ISO-8859-1.
        if (name.chars().anyMatch(c -> c > 0xFF)) {
            return new EntryName(name, NameEncoding.UTF_8);
        }
        return EntryName.guess(name.getBytes(StandardCharsets.ISO_8859_1), NameEncoding.ISO_8859_1);
    }
}
