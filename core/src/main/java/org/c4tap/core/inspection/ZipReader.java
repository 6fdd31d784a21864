package org.c4tap.core.inspection;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.deflate64.Deflate64CompressorInputStream;

/**
 * Lists a zip from its central directory, encrypted entries included, and reads each readable
 * entry from its local data. A zip without a central directory (cut short, or damaged at its end)
 * is listed from its local headers instead, with commons-compress's streaming reader.
 */
final class ZipReader implements ArchiveReader {

    @Override
    public void list(byte[] zip, String name, ListingBuilder listing) {
        Optional<ZipCentralDirectory> directory = ZipCentralDirectory.locate(zip);
        if (directory.isPresent()) {
            listCentralDirectory(zip, directory.get(), listing);
        } else {
            listing.damaged("no central directory; listed from the local headers");
            listLocalHeaders(zip, listing);
        }
    }

    private static void listCentralDirectory(byte[] zip, ZipCentralDirectory directory, ListingBuilder listing) {
        int room = listing.entryRoom();
        List<ZipRecord> records = new ArrayList<>();
        ZipCentralDirectory.Walk walk = directory.forEach(record -> {
            listing.declare(OptionalLong.of(record.size()), OptionalLong.of(record.compressedSize()));
            if (records.size() < room) {
                records.add(record);
            }
        });
        if (!walk.intact()) {
            listing.damaged("central directory damaged after " + walk.records() + " records");
        }
        if (walk.records() > records.size()) {
            listing.leftOut(OptionalLong.of(walk.records() - records.size()));
        }
        List<Optional<ZipCentralDirectory.LocalData>> locals = records.stream().map(directory::localData).toList();
        if (overlap(records, locals)) {
            listing.bomb("entries share their compressed data");
        }
        listing.checkDeclaredTotals();
        for (int i = 0; i < records.size(); i++) {
            ZipRecord record = records.get(i);
            Optional<ZipCentralDirectory.LocalData> local = locals.get(i);
            EntryName name = record.name();
            OptionalLong size = OptionalLong.of(record.size());
            OptionalLong compressedSize = OptionalLong.of(record.compressedSize());
            if (local.isPresent() && !Arrays.equals(local.get().rawName(), record.rawName())) {
                listing.noteNextEntry(NoteKind.NAME_MISMATCH, "its local header gives another name");
            }
            if (name.path().endsWith("/") && record.size() == 0) {
                listing.addUnread(name, size, compressedSize, record.encrypted());
            } else if (record.encrypted()) {
                listing.addUnread(name, size, compressedSize, true);
            } else if (local.isEmpty()) {
                listing.noteNextEntry(NoteKind.ENTRY_UNREADABLE, "no local header where the central directory points");
                listing.addUnread(name, size, compressedSize, false);
            } else if (!ZipRecord.readable(record.method())) {
                listing.noteNextEntry(NoteKind.ENTRY_UNREADABLE, "compression method " + record.method() + " not supported");
                listing.addUnread(name, size, compressedSize, false);
            } else {
                ZipCentralDirectory.LocalData data = local.get();
                listing.addRead(name, size, compressedSize, () -> open(zip, record, data));
            }
        }
    }

    /**
     * Whether any two entries' local headers and data overlap: several records pointing into the
     * same compressed data is how the densest zip bombs reach their ratio.
     */
    private static boolean overlap(List<ZipRecord> records, List<Optional<ZipCentralDirectory.LocalData>> locals) {
        record Span(long start, long end) {
        }
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            ZipRecord record = records.get(i);
            locals.get(i).ifPresent(local -> spans.add(new Span(local.headerStart(),
                    local.dataStart() + Math.min(record.compressedSize(), Long.MAX_VALUE - local.dataStart()))));
        }
        spans.sort(Comparator.comparingLong(Span::start));
        long reached = Long.MIN_VALUE;
        for (Span span : spans) {
            if (span.start() < reached) {
                return true;
            }
            reached = Math.max(reached, span.end());
        }
        return false;
    }

    private static EntryStream open(byte[] zip, ZipRecord record, ZipCentralDirectory.LocalData local) throws IOException {
        int start = (int) Math.min(local.dataStart(), zip.length);
        int length = (int) Math.min(record.compressedSize(), zip.length - start);
        ByteArrayInputStream compressed = new ByteArrayInputStream(zip, start, length);
        InputStream decompressed = switch (record.method()) {
            case ZipRecord.STORED -> compressed;
            case ZipRecord.DEFLATED -> inflating(compressed);
            case ZipRecord.DEFLATE64 -> new Deflate64CompressorInputStream(compressed);
            case ZipRecord.BZIP2 -> new BZip2CompressorInputStream(compressed);
            default -> throw new IllegalArgumentException("unreadable methods are listed without opening");
        };
        return new EntryStream(decompressed, () -> length - compressed.available());
    }

    /** Inflates raw deflate data, releasing the inflater's native memory on close. */
    private static InputStream inflating(InputStream compressed) {
        Inflater inflater = new Inflater(true);
        return new InflaterInputStream(compressed, inflater) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    inflater.end();
                }
            }
        };
    }

    private static void listLocalHeaders(byte[] zip, ListingBuilder listing) {
        int listed = 0;
        try (ZipArchiveInputStream in = new WithoutZstandard(zip)) {
            for (ZipArchiveEntry entry; (entry = in.getNextEntry()) != null; listed++) {
                if (listing.entryRoom() == 0) {
                    listing.leftOut(OptionalLong.empty());
                    return;
                }
                EntryName name = nameOf(entry);
                OptionalLong size = declared(entry.getSize());
                OptionalLong compressedSize = declared(entry.getCompressedSize());
                listing.declare(size, compressedSize);
                boolean encrypted = entry.getGeneralPurposeBit().usesEncryption() || entry.getMethod() == ZipRecord.WINZIP_AES;
                ArchiveEntry entryListed;
                if (name.path().endsWith("/") && entry.getSize() == 0) {
                    entryListed = listing.addUnread(name, size, compressedSize, encrypted);
                } else if (encrypted) {
                    entryListed = listing.addUnread(name, size, compressedSize, true);
                } else if (!in.canReadEntryData(entry) || entry.getMethod() == ZipRecord.ZSTANDARD) {
                    listing.noteNextEntry(NoteKind.ENTRY_UNREADABLE, "compression method " + entry.getMethod() + " not supported");
                    entryListed = listing.addUnread(name, size, compressedSize, false);
                } else {
                    entryListed = listing.addRead(name, size, compressedSize,
                            () -> new EntryStream(new UnclosableInputStream(in), in::getCompressedCount));
                }
                if (entryListed.fingerprint().isEmpty() && compressedSize.isEmpty() && entry.getMethod() != ZipRecord.STORED) {
                    // Without a declared size, the next header is found only by inflating the rest of this entry.
                    listing.damaged("entry " + (listed + 1) + " declares no size and was not read whole;"
                            + " the entries after it are not listed");
                    return;
                }
            }
            if (listed == 0) {
                listing.unreadable("no local header readable");
            }
        } catch (IOException | RuntimeException damaged) {
            // commons-compress reports some malformed headers with unchecked exceptions.
            if (listed == 0) {
                listing.unreadable("no local header readable (" + damaged.getClass().getSimpleName() + ")");
            } else {
                listing.damaged("reading stopped after entry " + listed + " (" + damaged.getClass().getSimpleName() + ")");
            }
        }
    }

    /**
     * The streaming reader without Zstandard (method 93): commons-compress reads it through zstd-jni,
     * a native library we do not ship, and opening such an entry failed with NoClassDefFoundError,
     * an Error that no reader catches. Its entries are listed unread, as other unknown methods are.
     */
    private static final class WithoutZstandard extends ZipArchiveInputStream {

        WithoutZstandard(byte[] zip) {
            super(new ByteArrayInputStream(zip), "IBM437", true, true, true);
        }

        @Override
        protected InputStream createZstdInputStream(InputStream in) {
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    throw new IOException("Zstandard is not supported");
                }
            };
        }
    }

    private static EntryName nameOf(ZipArchiveEntry entry) {
        return switch (entry.getNameSource()) {
            // commons-compress took the name from the Unicode path field after checking its checksum.
            case UNICODE_EXTRA_FIELD -> new EntryName(entry.getName(), NameEncoding.UTF_8);
            case NAME_WITH_EFS_FLAG -> EntryName.flaggedUtf8(entry.getRawName(), NameEncoding.CP437);
            case NAME -> EntryName.guess(entry.getRawName(), NameEncoding.CP437);
        };
    }

    private static OptionalLong declared(long size) {
        return size < 0 ? OptionalLong.empty() : OptionalLong.of(size);
    }
}
