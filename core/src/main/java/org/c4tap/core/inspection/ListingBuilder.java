package org.c4tap.core.inspection;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.c4tap.core.fingerprint.Fingerprint;
import org.c4tap.core.fingerprint.Fingerprinter;

/**
 * Builds the listing of one archive: keeps its declared totals, decides whether it is a bomb
 * before anything is unpacked, reads and examines entries while the limits allow, and sums up
 * what its entries show. Used by one reader for one archive.
 */
final class ListingBuilder {

    /**
     * Below this many bytes a high ratio is only a small, sparse file (a blank bitmap, a run of
     * zeros): cheap to read, and no bomb.
     */
    static final long BOMB_FLOOR = 1024 * 1024;

    private final ArchiveFormat format;
    private final long archiveSize;
    private final int depth;
    private final Examination examination;
    private final InspectionLimits limits;
    private final List<ArchiveEntry> entries = new ArrayList<>();
    private long totalSize;
    private long totalCompressedSize;
    private boolean everyCompressedSizeDeclared = true;
    private boolean encrypted;
    private boolean bomb;
    private boolean truncated;

    /** @param depth the archive's own depth: 1 for the attachment itself */
    ListingBuilder(ArchiveFormat format, long archiveSize, int depth, Examination examination) {
        this.format = format;
        this.archiveSize = archiveSize;
        this.depth = depth;
        this.examination = examination;
        this.limits = examination.limits();
    }

    /** Counts an entry the archive declares, listed or not, towards the totals and the bomb test. */
    void declare(OptionalLong size, OptionalLong compressedSize) {
        size.ifPresent(s -> totalSize = saturatedSum(totalSize, s));
        compressedSize.ifPresentOrElse(c -> totalCompressedSize = saturatedSum(totalCompressedSize, c),
                () -> everyCompressedSizeDeclared = false);
        if (size.isPresent() && compressedSize.isPresent()
                && exceedsRatio(size.getAsLong(), compressedSize.getAsLong())) {
            bomb("an entry declares more than " + limits.maxRatio() + " times its compressed size");
        }
    }

    /** Decides from the declared totals whether the archive is a bomb; call before reading entries. */
    void checkDeclaredTotals() {
        if (totalSize > limits.maxBytesInAll()) {
            bomb("it declares " + totalSize + " bytes, more than the limit of " + limits.maxBytesInAll());
        } else if (totalSize >= BOMB_FLOOR && ratio() > limits.maxRatio()) {
            bomb("it declares more than " + limits.maxRatio() + " times its compressed size");
        }
    }

    void bomb(String why) {
        if (!bomb) {
            bomb = true;
            examination.note(NoteKind.ARCHIVE_BOMB, where() + ": " + why);
        }
    }

    void encryptedHeaders() {
        encrypted = true;
        examination.note(NoteKind.NAMES_ENCRYPTED, where() + ": its headers are encrypted, so its entries are unknown");
    }

    /** Part of the archive could not be read; the entries listed so far stand. */
    void damaged(String what) {
        examination.note(NoteKind.ARCHIVE_DAMAGED, where() + ": " + what);
    }

    /** Nothing could be listed. */
    void unreadable(String what) {
        examination.note(NoteKind.ARCHIVE_UNREADABLE, where() + ": " + what);
    }

    /** A note about the entry to be added next. */
    void noteNextEntry(NoteKind kind, String what) {
        examination.note(kind, where(entries.size() + 1) + ": " + what);
    }

    /** How many more entries may be listed, within this archive's limit and the inspection's. */
    int entryRoom() {
        return Math.max(0, Math.min(limits.maxEntriesPerArchive() - entries.size(), examination.budget().entriesLeft()));
    }

    /** The limits kept entries out of the listing; {@code count} says how many when the format knows. */
    void leftOut(OptionalLong count) {
        truncated = true;
        examination.note(NoteKind.ENTRY_LIMIT, where() + ": "
                + (count.isPresent() ? count.getAsLong() + " entries" : "further entries")
                + " beyond the limit not listed");
    }

    /** Lists an entry whose data is not to be read: a directory, a link, or encrypted data. */
    ArchiveEntry addUnread(EntryName name, OptionalLong size, OptionalLong compressedSize, boolean encryptedData) {
        encrypted |= encryptedData;
        return add(new ArchiveEntry(name.path(), name.encoding(), size, compressedSize, encryptedData,
                Optional.empty(), Optional.empty(), examination.nameFlags(name.path())));
    }

    /**
     * Lists an entry, reading and examining its data when the archive is no bomb and the limits
     * allow. The entry has a fingerprint exactly when its data was read whole.
     */
    ArchiveEntry addRead(EntryName name, OptionalLong size, OptionalLong compressedSize, EntryStream.Opener opener) {
        Set<Flag> flags = examination.nameFlags(name.path());
        if (bomb || !examination.canRead()) {
            if (!bomb) {
                truncated = true;
                examination.limitReached(examination.budget().outOfTime()
                        ? LimitReached.Limit.DURATION : LimitReached.Limit.BYTES_IN_ALL, where(entries.size() + 1), 0);
            }
            return add(new ArchiveEntry(name.path(), name.encoding(), size, compressedSize, false,
                    Optional.empty(), Optional.empty(), flags));
        }
        String where = where(entries.size() + 1);
        Optional<Fingerprint> fingerprint = Optional.empty();
        Optional<ArchiveListing> nested = Optional.empty();
        switch (examination.read(opener, size)) {
            case EntryRead.Whole whole -> {
                byte[] bytes = whole.bytes();
                if (size.isPresent() && size.getAsLong() != bytes.length) {
                    examination.note(NoteKind.SIZE_MISMATCH, where + ": declares " + size.getAsLong()
                            + " bytes but holds " + bytes.length);
                }
                if (observedRatioExceeded(bytes.length, whole.compressedRead())) {
                    bomb("an entry expanded more than " + limits.maxRatio() + " times while being read");
                }
                fingerprint = Optional.of(Fingerprinter.of(bytes));
                Findings findings = examination.examine(bytes, name.path(), where, depth);
                flags.addAll(findings.flags());
                nested = findings.listing();
            }
            case EntryRead.Stopped stopped -> {
                truncated = true;
                examination.limitReached(stopped.limit(), where, stopped.bytesRead());
                if (size.isPresent() && stopped.bytesRead() > size.getAsLong()) {
                    examination.note(NoteKind.SIZE_MISMATCH, where + ": declares " + size.getAsLong()
                            + " bytes but holds more than " + stopped.bytesRead());
                }
                if (observedRatioExceeded(stopped.bytesRead(), stopped.compressedRead())) {
                    bomb("an entry expanded more than " + limits.maxRatio() + " times while being read");
                }
                if (ContentSignature.of(stopped.head()).executable()) {
                    flags.add(Flag.EXECUTABLE);
                }
            }
            case EntryRead.Unreadable unreadable -> examination.note(NoteKind.ENTRY_UNREADABLE,
                    where + ": data unreadable (" + unreadable.reason() + ")");
        }
        return add(new ArchiveEntry(name.path(), name.encoding(), size, compressedSize, false,
                fingerprint, nested, flags));
    }

    Findings build() {
        checkDeclaredTotals();
        Set<Flag> flags = EnumSet.noneOf(Flag.class);
        entries.forEach(entry -> flags.addAll(entry.flags()));
        // A container of a bomb is a bomb, and a listing with an unfinished listing inside is unfinished.
        bomb |= flags.contains(Flag.ARCHIVE_BOMB);
        truncated |= flags.contains(Flag.ARCHIVE_TRUNCATED);
        encrypted |= flags.contains(Flag.ENCRYPTED_ARCHIVE);
        if (encrypted) {
            flags.add(Flag.ENCRYPTED_ARCHIVE);
        }
        if (bomb) {
            flags.add(Flag.ARCHIVE_BOMB);
        }
        if (truncated) {
            flags.add(Flag.ARCHIVE_TRUNCATED);
        }
        ArchiveListing listing = new ArchiveListing(format, encrypted, entries, totalSize, compressedTotal(),
                ratio(), bomb, truncated);
        return new Findings(flags, Optional.of(listing));
    }

    String where() {
        return format.key() + " archive at depth " + depth;
    }

    private String where(int entry) {
        return format.key() + " entry " + entry + " at depth " + depth;
    }

    private ArchiveEntry add(ArchiveEntry entry) {
        entries.add(entry);
        examination.budget().spendEntry();
        return entry;
    }

    private long compressedTotal() {
        return everyCompressedSizeDeclared ? totalCompressedSize : archiveSize;
    }

    /** Never counts more compressed bytes than the archive holds, so entries sharing data show their true ratio. */
    private double ratio() {
        return (double) totalSize / Math.max(1, Math.min(compressedTotal(), archiveSize));
    }

    private boolean observedRatioExceeded(long bytesRead, long compressedRead) {
        return compressedRead != EntryStream.UNCOUNTED && exceedsRatio(bytesRead, compressedRead);
    }

    private boolean exceedsRatio(long size, long compressedSize) {
        return size >= BOMB_FLOOR && (double) size / Math.max(1, compressedSize) > limits.maxRatio();
    }

    private static long saturatedSum(long a, long b) {
        long sum = a + Math.max(0, b);
        return sum < a ? Long.MAX_VALUE : sum;
    }
}
