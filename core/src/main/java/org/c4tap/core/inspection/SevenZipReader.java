package org.c4tap.core.inspection;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.commons.compress.PasswordRequiredException;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZFile;
import org.apache.commons.compress.archivers.sevenz.SevenZMethod;
import org.apache.commons.compress.archivers.sevenz.SevenZMethodConfiguration;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Lists a 7z archive from its headers, then reads its entries in order. 7z declares no
 * compressed size per entry, so its ratio is judged for the whole archive and while reading.
 */
final class SevenZipReader implements ArchiveReader {

    /** Enough for the dictionary of 7-Zip's ultra preset; a larger one is refused rather than allocated. */
    private static final int DECODER_MEMORY_KIB = 64 * 1024;

    @Override
    public void list(byte[] archive, String name, ListingBuilder listing) {
        SevenZFile file;
        try {
            file = SevenZFile.builder()
                    .setSeekableByteChannel(new SeekableInMemoryByteChannel(archive))
                    .setMaxMemoryLimitKiB(DECODER_MEMORY_KIB)
                    .get();
        } catch (PasswordRequiredException encrypted) {
            listing.encryptedHeaders();
            return;
        } catch (IOException | RuntimeException unreadable) {
            // commons-compress reports some malformed headers with unchecked exceptions.
            listing.unreadable("headers unreadable (" + unreadable.getClass().getSimpleName() + ")");
            return;
        }
        try (file) {
            list(file, listing);
        } catch (IOException closing) {
            // Closing an in-memory channel does not fail; nothing was lost.
        }
    }

    private static void list(SevenZFile file, ListingBuilder listing) {
        List<SevenZArchiveEntry> entries = new ArrayList<>();
        file.getEntries().forEach(entries::add);
        entries.forEach(entry -> listing.declare(OptionalLong.of(entry.getSize()), OptionalLong.empty()));
        listing.checkDeclaredTotals();
        int listed = Math.min(entries.size(), listing.entryRoom());
        boolean reachable = true;
        for (int i = 0; i < listed; i++) {
            SevenZArchiveEntry entry = entries.get(i);
            // Names are optional in 7z (an archive made from a pipe has none).
            String path = entry.getName() == null ? "" : entry.getName();
            EntryName entryName = new EntryName(entry.isDirectory() ? path + "/" : path, NameEncoding.UTF_16LE);
            OptionalLong size = OptionalLong.of(entry.getSize());
            // Moving to an entry only sets up its decoders; nothing is decompressed until it is read.
            if (reachable) {
                try {
                    reachable = file.getNextEntry() == entry;
                } catch (IOException | RuntimeException unreadable) {
                    listing.damaged("entries from " + (i + 1) + " on unreadable (" + unreadable.getClass().getSimpleName() + ")");
                    reachable = false;
                }
            }
            if (entry.isDirectory()) {
                listing.addUnread(entryName, size, OptionalLong.empty(), false);
            } else if (!entry.hasStream()) {
                // 7z stores no data at all for an empty file; it is read as the empty file it is.
                listing.addRead(entryName, size, OptionalLong.empty(),
                        () -> EntryStream.uncounted(InputStream.nullInputStream()));
            } else if (reachable && encrypted(entry)) {
                listing.addUnread(entryName, size, OptionalLong.empty(), true);
            } else if (reachable) {
                // Entries of a solid block share its compressed bytes, so none has a ratio of its own;
                // the block's sizes, declared and enforced by the decoder, were judged before reading.
                listing.addRead(entryName, size, OptionalLong.empty(), () -> EntryStream.uncounted(current(file)));
            } else {
                listing.addUnread(entryName, size, OptionalLong.empty(), false);
            }
        }
        if (entries.size() > listed) {
            listing.leftOut(OptionalLong.of(entries.size() - listed));
        }
    }

    private static boolean encrypted(SevenZArchiveEntry entry) {
        Iterable<? extends SevenZMethodConfiguration> methods = entry.getContentMethods();
        if (methods == null) {
            return false;
        }
        for (SevenZMethodConfiguration method : methods) {
            if (method.getMethod() == SevenZMethod.AES256SHA256) {
                return true;
            }
        }
        return false;
    }

    /** The current entry's data; closing it leaves the archive open. */
    private static InputStream current(SevenZFile file) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                return file.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return file.read(buffer, offset, length);
            }
        };
    }
}
