package org.c4tap.core.inspection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * One inspection in progress: the walk from a file into the archives it contains, the budget that
 * walk spends and the notes it takes. Made for one attachment and used by one thread.
 */
final class Examination {

    /** Hostile archives can fail in every entry; past this many notes the rest only say they were dropped. */
    private static final int MAX_NOTES = 100;
    private static final int HEAD_BYTES = 4096;
    private static final int READ_BUFFER = 64 * 1024;
    private static final int LARGEST_PRESIZE = 1024 * 1024;
    private static final Set<String> ARCHIVE_EXTENSIONS = Set.of("zip", "7z", "tar", "gz", "tgz");

    private final InspectionLimits limits;
    private final Budget budget;
    private final List<InspectionNote> notes = new ArrayList<>();
    private final Set<LimitReached.Limit> inspectionLimitsNoted = EnumSet.noneOf(LimitReached.Limit.class);

    Examination(InspectionLimits limits, LongSupplier nanoTime) {
        this.limits = limits;
        this.budget = new Budget(limits, nanoTime);
    }

    InspectionLimits limits() {
        return limits;
    }

    Budget budget() {
        return budget;
    }

    List<InspectionNote> notes() {
        return List.copyOf(notes);
    }

    /**
     * What a file's name and bytes show.
     *
     * @param where where the file is, for notes: "attachment" or an entry's place
     * @param depth how many archives enclose the file
     */
    Findings examine(byte[] content, String name, String where, int depth) {
        Set<Flag> flags = nameFlags(name);
        if (OfficeMacros.declaresMacros(name, content)) {
            flags.add(Flag.OFFICE_MACRO);
        }
        Optional<ArchiveListing> listing = Optional.empty();
        ContentSignature signature = ContentSignature.of(content);
        switch (signature) {
            case WINDOWS_PROGRAM, ELF, MACH_O, WINDOWS_SHORTCUT -> flags.add(Flag.EXECUTABLE);
            case PDF -> flags.addAll(new PdfNames(this).flags(content, where));
            case OLE2 -> flags.addAll(new OleDocument(this).flags(content, where));
            case RTF -> {
                if (RtfObjects.embedsObject(content)) {
                    flags.add(Flag.RTF_OBJECT);
                }
            }
            case ZIP, SEVEN_Z, TAR, GZIP -> {
                ArchiveFormat format = switch (signature) {
                    case ZIP -> ArchiveFormat.ZIP;
                    case SEVEN_Z -> ArchiveFormat.SEVEN_Z;
                    case TAR -> ArchiveFormat.TAR;
                    default -> ArchiveFormat.GZIP;
                };
                if (depth >= limits.maxDepth()) {
                    note(NoteKind.DEPTH_LIMIT, where + ": " + format.key() + " archive at depth " + (depth + 1)
                            + " not listed, the limit is " + limits.maxDepth());
                    flags.add(Flag.ARCHIVE_TRUNCATED);
                } else {
                    ListingBuilder builder = new ListingBuilder(format, content.length, depth + 1, this);
                    ArchiveReader.of(format).list(content, name, builder);
                    Findings archived = builder.build();
                    flags.addAll(archived.flags());
                    listing = archived.listing();
                }
            }
            case OTHER -> {
                List<String> extensions = new FileName(name).extensions();
                if (!extensions.isEmpty() && ARCHIVE_EXTENSIONS.contains(extensions.get(extensions.size() - 1))) {
                    note(NoteKind.ARCHIVE_UNRECOGNISED, where + ": named as an archive but carries no archive signature");
                }
            }
        }
        return new Findings(flags, listing);
    }

    /** What a name alone shows, for entries whose data is not read. */
    Set<Flag> nameFlags(String name) {
        Set<Flag> flags = EnumSet.noneOf(Flag.class);
        flags.addAll(new FileName(name).flags());
        if (OfficeMacros.isMacroPart(name)) {
            flags.add(Flag.OFFICE_MACRO);
        }
        return flags;
    }

    /** Whether entries may still be read: bytes and time are left. */
    boolean canRead() {
        return budget.bytesLeft() > 0 && !budget.outOfTime();
    }

    /** Reads an entry's data into memory, no further than the limits allow. */
    EntryRead read(EntryStream.Opener opener, OptionalLong declaredSize) {
        try (EntryStream data = opener.open()) {
            MeteredInputStream in = new MeteredInputStream(data.decompressed(), limits.maxBytesPerEntry(), budget);
            Collected out = new Collected(declaredSize.orElse(0));
            byte[] buffer = new byte[READ_BUFFER];
            try {
                for (int read; (read = in.read(buffer)) != -1; ) {
                    out.write(buffer, 0, read);
                }
                return new EntryRead.Whole(out.toByteArray(), data.compressedRead().getAsLong());
            } catch (LimitReached stop) {
                return new EntryRead.Stopped(stop.limit(), in.count(), data.compressedRead().getAsLong(), out.head());
            }
        } catch (IOException | RuntimeException unreadable) {
            // Decompressors report corrupt data with unchecked exceptions too; either way the entry is unreadable.
            return new EntryRead.Unreadable(unreadable.getClass().getSimpleName());
        }
    }

    void note(NoteKind kind, String detail) {
        if (notes.size() < MAX_NOTES) {
            notes.add(new InspectionNote(kind, detail));
        } else if (notes.size() == MAX_NOTES) {
            notes.add(new InspectionNote(NoteKind.NOTE_LIMIT, "more than " + MAX_NOTES + " notes; the rest were dropped"));
        }
    }

    /** Notes a limit; the limits of the whole inspection are noted once, where they struck first. */
    void limitReached(LimitReached.Limit limit, String where, long bytesRead) {
        switch (limit) {
            case BYTES_PER_ENTRY -> note(NoteKind.SIZE_LIMIT, where + ": not read past " + bytesRead
                    + " bytes, the limit per entry");
            case BYTES_IN_ALL -> {
                if (inspectionLimitsNoted.add(limit)) {
                    note(NoteKind.SIZE_LIMIT, where + ": reading stopped at the limit of "
                            + limits.maxBytesInAll() + " bytes in all");
                }
            }
            case DURATION -> {
                if (inspectionLimitsNoted.add(limit)) {
                    note(NoteKind.TIME_LIMIT, where + ": reading stopped at the time limit of " + limits.maxDuration());
                }
            }
        }
    }

    /** Collects an entry's bytes, presized from the declared size without trusting it far. */
    private static final class Collected extends ByteArrayOutputStream {

        Collected(long declaredSize) {
            super((int) Math.clamp(declaredSize, 32, LARGEST_PRESIZE));
        }

        byte[] head() {
            return Arrays.copyOf(buf, Math.min(count, HEAD_BYTES));
        }
    }
}
