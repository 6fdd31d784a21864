package org.c4tap.core.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.c4tap.core.fingerprint.Fingerprint;
import org.c4tap.core.fingerprint.Fingerprinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DamagedInputTest {

    private static final Inspector INSPECTOR = new Inspector(InspectionLimits.STANDARD);
    private static final byte[] FIRST = Documents.ascii("first entry, long enough to be deflated ".repeat(20));
    private static final byte[] SECOND = Documents.pdf("/OpenAction 3 0 R");
    private static final byte[] THIRD = Documents.windowsProgram();

    private static byte[] threeEntryZip() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("first.txt", FIRST);
        entries.put("second.pdf", SECOND);
        entries.put("third.exe", THIRD);
        return Archives.zip(entries);
    }

    @Test
    void aZipWithoutItsEndRecordIsListedFromItsLocalHeaders() {
        byte[] zip = threeEntryZip();

        Inspection inspection = INSPECTOR.inspect(Arrays.copyOf(zip, zip.length - 1), "cut.zip", null);

        assertThat(inspection.archive().orElseThrow().entries()).extracting(ArchiveEntry::fingerprint).containsExactly(
                Optional.of(Fingerprinter.of(FIRST)), Optional.of(Fingerprinter.of(SECOND)), Optional.of(Fingerprinter.of(THIRD)));
        assertThat(inspection.flags()).containsExactly(Flag.PDF_OPEN_ACTION, Flag.EXECUTABLE);
        // The streaming reader notices the missing end record only once every entry has been listed.
        assertThat(inspection.notes()).containsExactly(
                new InspectionNote(NoteKind.ARCHIVE_DAMAGED, "zip archive at depth 1: no central directory; listed from the local headers"),
                new InspectionNote(NoteKind.ARCHIVE_DAMAGED, "zip archive at depth 1: reading stopped after entry 3 (EOFException)"));
    }

    /** Found by InspectorFuzzTest: opening a Zstandard entry threw NoClassDefFoundError (zstd-jni is not shipped). */
    @Test
    void aZstandardEntryOfAZipWithoutItsEndRecordIsListedUnread() {
        byte[] zip = ZipBytes.of(ZipBytes.Entry.stored("report.exe", PpapZip.windowsProgram()).withMethod(93),
                ZipBytes.Entry.stored("readme.txt", FIRST));

        Inspection inspection = INSPECTOR.inspect(Arrays.copyOf(zip, zip.length - 1), "cut.zip", null);

        assertThat(inspection.archive().orElseThrow().entries()).extracting(ArchiveEntry::path, ArchiveEntry::fingerprint)
                .containsExactly(tuple("report.exe", Optional.empty()), tuple("readme.txt", Optional.of(Fingerprinter.of(FIRST))));
        assertThat(inspection.notes()).contains(
                new InspectionNote(NoteKind.ENTRY_UNREADABLE, "zip entry 1 at depth 1: compression method 93 not supported"));
    }

    @Test
    void aZipCutInsideAnEntryListsWhatCameBefore() {
        byte[] zip = threeEntryZip();
        int secondData = indexOf(zip, "second.pdf") + "second.pdf".length() + 20;

        Inspection inspection = INSPECTOR.inspect(Arrays.copyOf(zip, secondData), "cut.zip", null);

        List<ArchiveEntry> entries = inspection.archive().orElseThrow().entries();
        assertThat(entries).extracting(ArchiveEntry::path).containsExactly("first.txt", "second.pdf");
        assertThat(entries).extracting(ArchiveEntry::fingerprint)
                .containsExactly(Optional.of(Fingerprinter.of(FIRST)), Optional.empty());
        assertThat(inspection.notes()).containsExactly(
                new InspectionNote(NoteKind.ARCHIVE_DAMAGED, "zip archive at depth 1: no central directory; listed from the local headers"),
                new InspectionNote(NoteKind.ENTRY_UNREADABLE, "zip entry 2 at depth 1: data unreadable (IOException)"),
                new InspectionNote(NoteKind.ARCHIVE_DAMAGED, "zip archive at depth 1: entry 2 declares no size and was not read whole;"
                        + " the entries after it are not listed"));
    }

    @Test
    void aDamagedCentralDirectoryKeepsTheRecordsBeforeTheDamage() {
        byte[] zip = ZipBytes.of(ZipBytes.Entry.stored("a.txt", FIRST), ZipBytes.Entry.stored("b.pdf", SECOND),
                ZipBytes.Entry.stored("c.exe", THIRD));
        int thirdRecord = lastIndexOf(zip, new byte[] {'P', 'K', 1, 2});
        zip[thirdRecord + 3] = 9;

        Inspection inspection = INSPECTOR.inspect(zip, "damaged.zip", null);

        assertThat(inspection.archive().orElseThrow().entries()).extracting(ArchiveEntry::fingerprint)
                .containsExactly(Optional.of(Fingerprinter.of(FIRST)), Optional.of(Fingerprinter.of(SECOND)));
        assertThat(inspection.notes()).containsExactly(new InspectionNote(NoteKind.ARCHIVE_DAMAGED,
                "zip archive at depth 1: central directory damaged after 2 records"));
    }

    @Test
    void aZipCutInsideItsFirstHeaderListsNothing() {
        Inspection inspection = INSPECTOR.inspect(Arrays.copyOf(threeEntryZip(), 10), "cut.zip", null);

        assertThat(inspection.archive().orElseThrow().entries()).isEmpty();
        assertThat(inspection.notes()).containsExactly(
                new InspectionNote(NoteKind.ARCHIVE_DAMAGED, "zip archive at depth 1: no central directory; listed from the local headers"),
                new InspectionNote(NoteKind.ARCHIVE_UNREADABLE, "zip archive at depth 1: no local header readable"));
    }

    static Stream<Arguments> fixtures() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("first.txt", FIRST);
        entries.put("second.pdf", SECOND);
        entries.put("third.exe", THIRD);
        byte[] nested = Archives.zip(Map.of("inner.zip", threeEntryZip(), "doc.docm", Documents.docx(true)));
        return Stream.of(
                Arguments.of("zip", threeEntryZip()),
                Arguments.of("zip in zip", nested),
                Arguments.of("7z", Archives.sevenZ(entries, null)),
                Arguments.of("tar.gz", Archives.gzip(Archives.tar(entries), "a.tar")),
                Arguments.of("ZipCrypto zip", ZipBytes.of(ZipBytes.Entry.deflated("a.txt", FIRST).withFlags(ZipBytes.ENCRYPTED))),
                Arguments.of("OLE2", Documents.ole2("WordDocument", "Macros/VBA/dir")),
                Arguments.of("PDF", Documents.pdfWithCompressedAction("/S /JavaScript /JS (x)")));
    }

    /** Every fingerprint an inspection of damaged bytes reports is that of real content, never of a fragment. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void cutAnywhereNothingThrowsAndNoFragmentIsFingerprinted(String kind, byte[] fixture) {
        Set<Fingerprint> genuine = new HashSet<>();
        Stream.of(FIRST, SECOND, THIRD, Archives.tar(Map.of()), threeEntryZip(), Documents.docx(true), Documents.vbaProject())
                .map(Fingerprinter::of).forEach(genuine::add);
        collect(INSPECTOR.inspect(fixture, "whole", null).archive(), genuine);

        // Every offset of small fixtures; about 500 evenly spread ones of larger.
        int step = Math.max(1, fixture.length / 500);
        for (int length = 0; length < fixture.length; length += step) {
            byte[] cut = Arrays.copyOf(fixture, length);
            Inspection inspection = INSPECTOR.inspect(cut, "cut", null);
            List<Fingerprint> found = new ArrayList<>();
            collect(inspection.archive(), found);
            assertThat(found).as("cut at %d", length).isSubsetOf(genuine);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void randomlyCorruptedBytesNeverThrowAndStayWithinTheLimits(String kind, byte[] fixture) {
        Random random = new Random(kind.hashCode());
        InspectionLimits limits = InspectionLimits.STANDARD;
        for (int round = 0; round < 150; round++) {
            byte[] corrupt = fixture.clone();
            int flips = 1 + random.nextInt(8);
            for (int i = 0; i < flips; i++) {
                corrupt[random.nextInt(corrupt.length)] = (byte) random.nextInt(256);
            }
            assertThatCode(() -> {
                Inspection inspection = INSPECTOR.inspect(corrupt, "corrupt", "application/octet-stream");
                assertThat(inspection.decompressedBytes()).isLessThanOrEqualTo(limits.maxBytesInAll());
            }).as("round %d", round).doesNotThrowAnyException();
        }
    }

    @Test
    void randomBytesWithEverySignatureNeverThrow() {
        Random random = new Random(5);
        byte[][] signatures = {{'P', 'K', 3, 4}, {'P', 'K', 5, 6}, {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C},
                {0x1F, (byte) 0x8B, 8}, {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1},
                Documents.ascii("%PDF-1.4\n"), Documents.ascii("{\\rtf1"), {'M', 'Z'}};
        for (byte[] signature : signatures) {
            for (int round = 0; round < 100; round++) {
                byte[] bytes = new byte[random.nextInt(2048) + signature.length];
                random.nextBytes(bytes);
                System.arraycopy(signature, 0, bytes, 0, signature.length);
                assertThatCode(() -> INSPECTOR.inspect(bytes, "x", null)).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void oneInspectorServesManyThreadsAlike() throws Exception {
        List<byte[]> inputs = List.of(threeEntryZip(), Documents.docx(true), Archives.sevenZ(Map.of("a", FIRST), null),
                Documents.pdf("/Launch"), Archives.gzip(Archives.tar(Map.of("b", SECOND)), "b.tar"));
        List<Inspection> expected = inputs.stream().map(bytes -> INSPECTOR.inspect(bytes, "f", null)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int which = i % inputs.size();
                results.add(pool.submit(() -> INSPECTOR.inspect(inputs.get(which), "f", null).equals(expected.get(which))));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void valuesAreImmutable() {
        Inspection inspection = INSPECTOR.inspect(threeEntryZip(), "a.zip", null);

        assertThatCode(() -> inspection.flags().add(Flag.ARCHIVE_BOMB)).isInstanceOf(UnsupportedOperationException.class);
        assertThatCode(() -> inspection.notes().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatCode(() -> inspection.archive().orElseThrow().entries().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(inspection.archive().orElseThrow().entries().getFirst().size()).isEqualTo(OptionalLong.of(FIRST.length));
    }

    private static void collect(Optional<ArchiveListing> listing, Collection<Fingerprint> into) {
        listing.ifPresent(l -> l.entries().forEach(entry -> {
            entry.fingerprint().ifPresent(into::add);
            collect(entry.nested(), into);
        }));
    }

    private static int lastIndexOf(byte[] bytes, byte[] needle) {
        for (int i = bytes.length - needle.length; i >= 0; i--) {
            if (Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    private static int indexOf(byte[] bytes, String text) {
        byte[] needle = Documents.ascii(text);
        for (int i = 0; i <= bytes.length - needle.length; i++) {
            if (Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
