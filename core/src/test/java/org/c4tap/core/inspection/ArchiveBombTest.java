package org.c4tap.core.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.c4tap.core.fingerprint.Fingerprinter;
import org.junit.jupiter.api.Test;

class ArchiveBombTest {

    private static final Inspector INSPECTOR = new Inspector(InspectionLimits.STANDARD);
    private static final long MIB = 1024 * 1024;

    @Test
    void aHighRatioEntryIsABombAndIsNotInflated() {
        byte[] zip = Archives.zipOfZeros("zeros.bin", 200 * MIB);

        Inspection inspection = INSPECTOR.inspect(zip, "zeros.zip", null);

        ArchiveListing listing = inspection.archive().orElseThrow();
        assertThat(listing.bomb()).isTrue();
        assertThat(listing.truncated()).isFalse();
        assertThat(listing.totalSize()).isEqualTo(200 * MIB);
        assertThat(listing.ratio()).isGreaterThan(100);
        assertThat(listing.entries().getFirst().size()).hasValue(200 * MIB);
        assertThat(listing.entries().getFirst().fingerprint()).isEmpty();
        assertThat(inspection.flags()).containsExactly(Flag.ARCHIVE_BOMB);
        assertThat(inspection.decompressedBytes()).isZero();
        assertThat(inspection.notes()).containsExactly(new InspectionNote(NoteKind.ARCHIVE_BOMB,
                "zip archive at depth 1: an entry declares more than 100 times its compressed size"));
    }

    @Test
    void anEntryLyingAboutItsSizeIsStoppedAtTheLimitAndShowsAsABomb() {
        byte[] deflated = Archives.deflatedZeros(200 * MIB);
        byte[] zip = ZipBytes.of(ZipBytes.Entry.stored("small.txt", new byte[0]).withMethod(8)
                .withData(deflated).withSizes(1000, deflated.length));

        Inspection inspection = INSPECTOR.inspect(zip, "small.zip", null);

        ArchiveListing listing = inspection.archive().orElseThrow();
        assertThat(listing.bomb()).isTrue();
        assertThat(listing.truncated()).isTrue();
        assertThat(listing.entries().getFirst().fingerprint()).isEmpty();
        assertThat(inspection.decompressedBytes()).isEqualTo(InspectionLimits.STANDARD.maxBytesPerEntry());
        assertThat(inspection.flags()).containsExactly(Flag.ARCHIVE_BOMB, Flag.ARCHIVE_TRUNCATED);
        assertThat(inspection.notes()).containsExactly(
                new InspectionNote(NoteKind.SIZE_LIMIT, "zip entry 1 at depth 1: not read past 20971520 bytes, the limit per entry"),
                new InspectionNote(NoteKind.SIZE_MISMATCH, "zip entry 1 at depth 1: declares 1000 bytes but holds more than 20971520"),
                new InspectionNote(NoteKind.ARCHIVE_BOMB, "zip archive at depth 1: an entry expanded more than 100 times while being read"));
    }

    @Test
    void anEntryLyingAboutItsSizeIsABombEvenWhenItFitsTheLimits() {
        byte[] deflated = Archives.deflatedZeros(10 * MIB);
        byte[] zip = ZipBytes.of(ZipBytes.Entry.stored("small.txt", new byte[0]).withMethod(8)
                .withData(deflated).withSizes(1000, deflated.length));

        Inspection inspection = INSPECTOR.inspect(zip, "small.zip", null);

        ArchiveListing listing = inspection.archive().orElseThrow();
        assertThat(listing.bomb()).isTrue();
        assertThat(listing.truncated()).isFalse();
        assertThat(listing.entries().getFirst().fingerprint()).contains(Fingerprinter.of(new byte[(int) (10 * MIB)]));
        assertThat(inspection.decompressedBytes()).isEqualTo(10 * MIB);
        assertThat(inspection.notes()).containsExactly(
                new InspectionNote(NoteKind.SIZE_MISMATCH, "zip entry 1 at depth 1: declares 1000 bytes but holds 10485760"),
                new InspectionNote(NoteKind.ARCHIVE_BOMB, "zip archive at depth 1: an entry expanded more than 100 times while being read"));
    }

    @Test
    void aSmallFileOfZerosIsNoBomb() {
        byte[] zeros = new byte[512 * 1024];
        byte[] zip = Archives.zip(Map.of("blank.bmp", zeros));

        Inspection inspection = INSPECTOR.inspect(zip, "blank.zip", null);

        assertThat(inspection.archive().orElseThrow().ratio()).isGreaterThan(100);
        assertThat(inspection.archive().orElseThrow().bomb()).isFalse();
        assertThat(inspection.archive().orElseThrow().entries().getFirst().fingerprint()).contains(Fingerprinter.of(zeros));
        assertThat(inspection.flags()).isEmpty();
    }

    @Test
    void nestedLikeFortyTwoZipIsABombAtEveryLevel() {
        // The innermost archive declares 16 entries of 4 GB each in a few hundred bytes.
        ZipBytes.Entry[] huge = new ZipBytes.Entry[16];
        for (int i = 0; i < huge.length; i++) {
            huge[i] = ZipBytes.Entry.deflated("0" + Integer.toHexString(i) + ".dat", new byte[10])
                    .withSizes(0xFFFF_FFFEL, 12);
        }
        byte[] inner = ZipBytes.of(huge);
        byte[] middle = Archives.zip(sixteen(inner));
        byte[] outer = Archives.zip(sixteen(middle));

        Inspection inspection = INSPECTOR.inspect(outer, "42.zip", null);

        ArchiveListing outerListing = inspection.archive().orElseThrow();
        ArchiveListing middleListing = outerListing.entries().getFirst().nested().orElseThrow();
        ArchiveListing innerListing = middleListing.entries().getFirst().nested().orElseThrow();
        assertThat(innerListing.bomb()).isTrue();
        assertThat(innerListing.totalSize()).isEqualTo(16 * 0xFFFF_FFFEL);
        assertThat(innerListing.entries()).hasSize(16).allSatisfy(e -> assertThat(e.fingerprint()).isEmpty());
        assertThat(middleListing.bomb()).isTrue();
        assertThat(outerListing.bomb()).isTrue();
        assertThat(outerListing.entries()).allSatisfy(e -> assertThat(e.flags()).containsExactly(Flag.ARCHIVE_BOMB));
        assertThat(inspection.flags()).containsExactly(Flag.ARCHIVE_BOMB);
        assertThat(inspection.decompressedBytes()).isEqualTo(16L * middle.length + 256L * inner.length);
        assertThat(inspection.notes()).hasSize(101).first().isEqualTo(new InspectionNote(NoteKind.ARCHIVE_BOMB,
                "zip archive at depth 3: an entry declares more than 100 times its compressed size"));
        assertThat(inspection.notes().getLast()).isEqualTo(new InspectionNote(NoteKind.NOTE_LIMIT,
                "more than 100 notes; the rest were dropped"));
    }

    @Test
    void zip64SizesCount() {
        long fiveGigabytes = 5L << 30;
        byte[] zip = ZipBytes.of(ZipBytes.Entry.deflated("disk.img", new byte[100])
                .withSizes(0xFFFF_FFFFL, 20).withExtra(ZipBytes.zip64SizeField(fiveGigabytes)));

        Inspection inspection = INSPECTOR.inspect(zip, "disk.zip", null);

        ArchiveListing listing = inspection.archive().orElseThrow();
        assertThat(listing.entries().getFirst().size()).hasValue(fiveGigabytes);
        assertThat(listing.totalSize()).isEqualTo(fiveGigabytes);
        assertThat(listing.bomb()).isTrue();
        assertThat(inspection.flags()).containsExactly(Flag.EXECUTABLE, Flag.ARCHIVE_BOMB);
    }

    @Test
    void centralRecordsSharingOneLocalEntryAreABomb() {
        byte[] content = new byte[10_000];
        new Random(1).nextBytes(content);
        ZipBytes.Entry entry = ZipBytes.Entry.stored("part.bin", content);
        ZipBytes zip = new ZipBytes();
        long shared = zip.local(entry);
        for (int i = 0; i < 50; i++) {
            zip.central(entry, shared);
        }

        Inspection inspection = INSPECTOR.inspect(zip.finish(), "parts.zip", null);

        ArchiveListing listing = inspection.archive().orElseThrow();
        assertThat(listing.entries()).hasSize(50).allSatisfy(e -> assertThat(e.fingerprint()).isEmpty());
        assertThat(listing.bomb()).isTrue();
        assertThat(listing.totalSize()).isEqualTo(500_000);
        assertThat(inspection.decompressedBytes()).isZero();
        assertThat(inspection.notes()).containsExactly(new InspectionNote(NoteKind.ARCHIVE_BOMB,
                "zip archive at depth 1: entries share their compressed data"));
    }

    @Test
    void anEntryWhoseDataQuotesTheNextLocalHeaderIsABomb() {
        // As in David Fifield's overlapping bomb: entry A's stored data is entry B's local header and data.
        ZipBytes.Entry b = ZipBytes.Entry.stored("b.txt", Documents.ascii("kernel"));
        byte[] localB = concat(ZipBytes.localHeader(b), b.data());
        ZipBytes.Entry a = ZipBytes.Entry.stored("a.txt", localB);
        ZipBytes zip = new ZipBytes();
        long offsetA = zip.local(a);
        zip.central(a, offsetA).central(b, offsetA + ZipBytes.localHeader(a).length);

        Inspection inspection = INSPECTOR.inspect(zip.finish(), "quoted.zip", null);

        assertThat(inspection.archive().orElseThrow().bomb()).isTrue();
        assertThat(inspection.flags()).containsExactly(Flag.ARCHIVE_BOMB);
        assertThat(inspection.notes()).containsExactly(new InspectionNote(NoteKind.ARCHIVE_BOMB,
                "zip archive at depth 1: entries share their compressed data"));
    }

    @Test
    void aGzipOfZerosIsABombByItsTrailer() {
        Inspection inspection = INSPECTOR.inspect(Archives.gzipOfZeros(200 * MIB), "log.gz", null);

        ArchiveListing listing = inspection.archive().orElseThrow();
        assertThat(listing.format()).isEqualTo(ArchiveFormat.GZIP);
        assertThat(listing.bomb()).isTrue();
        assertThat(listing.entries().getFirst().size()).hasValue(200 * MIB);
        assertThat(inspection.decompressedBytes()).isZero();
        assertThat(inspection.notes()).containsExactly(new InspectionNote(NoteKind.ARCHIVE_BOMB,
                "gzip archive at depth 1: it declares 209715200 bytes, more than the limit of 104857600"));
    }

    @Test
    void aSevenZipOfZerosIsABombByItsHeaders() {
        Inspection inspection = INSPECTOR.inspect(Archives.sevenZOfZeros("zeros.bin", 5 * MIB), "zeros.7z", null);

        ArchiveListing listing = inspection.archive().orElseThrow();
        assertThat(listing.format()).isEqualTo(ArchiveFormat.SEVEN_Z);
        assertThat(listing.bomb()).isTrue();
        assertThat(listing.entries().getFirst().fingerprint()).isEmpty();
        assertThat(inspection.decompressedBytes()).isZero();
        assertThat(inspection.notes()).containsExactly(new InspectionNote(NoteKind.ARCHIVE_BOMB,
                "7z archive at depth 1: it declares more than 100 times its compressed size"));
    }

    @Test
    void theBudgetInAllStopsReadingAcrossEntries() {
        byte[] content = new byte[600];
        Arrays.fill(content, (byte) 'x');
        // Each entry understates its size, so the archive declares less than the budget and is read.
        ZipBytes.Entry understated = ZipBytes.Entry.deflated("x.txt", content);
        understated = understated.withSizes(100, understated.compressedSize());
        byte[] zip = ZipBytes.of(understated, understated, understated);
        InspectionLimits limits = new InspectionLimits(3, 1000, 10_000, 1000, 1000, 100,
                InspectionLimits.STANDARD.maxDuration());

        Inspection inspection = new Inspector(limits).inspect(zip, "x.zip", null);

        List<ArchiveEntry> listed = inspection.archive().orElseThrow().entries();
        assertThat(listed).extracting(ArchiveEntry::fingerprint)
                .containsExactly(Optional.of(Fingerprinter.of(content)), Optional.empty(), Optional.empty());
        assertThat(inspection.decompressedBytes()).isEqualTo(1000);
        assertThat(inspection.archive().orElseThrow().truncated()).isTrue();
        assertThat(inspection.archive().orElseThrow().bomb()).isFalse();
        assertThat(inspection.notes()).containsExactly(
                new InspectionNote(NoteKind.SIZE_MISMATCH, "zip entry 1 at depth 1: declares 100 bytes but holds 600"),
                new InspectionNote(NoteKind.SIZE_LIMIT, "zip entry 2 at depth 1: reading stopped at the limit of 1000 bytes in all"),
                new InspectionNote(NoteKind.SIZE_MISMATCH, "zip entry 2 at depth 1: declares 100 bytes but holds more than 400"));
    }

    @Test
    void anEntryOverTheLimitIsListedWithoutFingerprintButStillShowsItIsAProgram() {
        byte[] program = Arrays.copyOf(Documents.windowsProgram(), 5000);
        InspectionLimits limits = new InspectionLimits(3, 1000, 10_000, 1000, 1 << 20, 100,
                InspectionLimits.STANDARD.maxDuration());

        Inspection inspection = new Inspector(limits).inspect(Archives.zip(Map.of("tool.dat", program)), "x.zip", null);

        ArchiveEntry entry = inspection.archive().orElseThrow().entries().getFirst();
        assertThat(entry.fingerprint()).isEmpty();
        assertThat(entry.flags()).containsExactly(Flag.EXECUTABLE);
        assertThat(inspection.decompressedBytes()).isEqualTo(1000);
        assertThat(inspection.flags()).containsExactly(Flag.EXECUTABLE, Flag.ARCHIVE_TRUNCATED);
    }

    @Test
    void theTimeLimitStopsReading() {
        long[] now = {0};
        // The clock jumps a minute past the deadline once the inspection has started.
        Inspector inspector = new Inspector(InspectionLimits.STANDARD, () -> {
            long time = now[0];
            now[0] = 60_000_000_000L;
            return time;
        });

        Inspection inspection = inspector.inspect(Archives.zip(Map.of("a.txt", Documents.ascii("a"),
                "b.txt", Documents.ascii("b"))), "x.zip", null);

        assertThat(inspection.archive().orElseThrow().entries()).allSatisfy(e -> assertThat(e.fingerprint()).isEmpty());
        assertThat(inspection.archive().orElseThrow().truncated()).isTrue();
        assertThat(inspection.decompressedBytes()).isZero();
        assertThat(inspection.notes()).containsExactly(new InspectionNote(NoteKind.TIME_LIMIT,
                "zip entry 1 at depth 1: reading stopped at the time limit of PT30S"));
    }

    private static Map<String, byte[]> sixteen(byte[] content) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < 16; i++) {
            entries.put(Integer.toHexString(i) + ".zip", content);
        }
        return entries;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
