package org.c4tap.core.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import org.c4tap.core.fingerprint.Fingerprinter;
import org.junit.jupiter.api.Test;
import org.c4tap.core.sample.ZipCipher;

class ZipListingTest {

    private static final Inspector INSPECTOR = new Inspector(InspectionLimits.STANDARD);
    private static final Charset WINDOWS_31J = Charset.forName("windows-31j");

    @Test
    void shiftJisNamesWithoutTheUtf8FlagAreDecodedAsWindows31j() {
        byte[] quotation = Documents.pdf("");
        byte[] sheet = "品目,数量\nボルト,10\n".getBytes(WINDOWS_31J);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("見積書_2024年度.pdf", quotation);
        // 表 is 0x95 0x5C in Shift_JIS: its second byte is a backslash, which must not split the name.
        entries.put("資料/表計算.csv", sheet);
        byte[] zip = Archives.zip(WINDOWS_31J, entries);

        Inspection inspection = INSPECTOR.inspect(zip, "資料.zip", "application/zip");

        ArchiveListing listing = inspection.archive().orElseThrow();
        assertThat(listing.format()).isEqualTo(ArchiveFormat.ZIP);
        assertThat(listing.entries()).extracting(ArchiveEntry::path, ArchiveEntry::nameEncoding, ArchiveEntry::size,
                ArchiveEntry::encrypted, ArchiveEntry::fingerprint, ArchiveEntry::nested, ArchiveEntry::flags).containsExactly(
                tuple("見積書_2024年度.pdf", NameEncoding.WINDOWS_31J_GUESSED, OptionalLong.of(quotation.length), false,
                        Optional.of(Fingerprinter.of(quotation)), Optional.empty(), Set.of()),
                tuple("資料/表計算.csv", NameEncoding.WINDOWS_31J_GUESSED, OptionalLong.of(sheet.length), false,
                        Optional.of(Fingerprinter.of(sheet)), Optional.empty(), Set.of()));
        assertThat(listing.entries()).allSatisfy(entry -> assertThat(entry.compressedSize()).isPresent());
        assertThat(listing.encrypted()).isFalse();
        assertThat(listing.bomb()).isFalse();
        assertThat(listing.truncated()).isFalse();
        assertThat(listing.totalSize()).isEqualTo(quotation.length + sheet.length);
        assertThat(inspection.flags()).isEmpty();
        assertThat(inspection.notes()).isEmpty();
        assertThat(inspection.decompressedBytes()).isEqualTo(quotation.length + sheet.length);
    }

    @Test
    void utf8FlaggedNames() {
        byte[] zip = Archives.zip(Map.of("報告書.txt", Documents.ascii("report")));

        ArchiveEntry entry = INSPECTOR.inspect(zip, "a.zip", null).archive().orElseThrow().entries().getFirst();

        assertThat(entry.path()).isEqualTo("報告書.txt");
        assertThat(entry.nameEncoding()).isEqualTo(NameEncoding.UTF_8);
    }

    @Test
    void namesByTheirBytesWhenNothingDeclaresAnEncoding() {
        byte[] zip = ZipBytes.of(
                ZipBytes.Entry.stored("readme.txt", Documents.ascii("1")),
                ZipBytes.Entry.stored("x", Documents.ascii("2")).withName("日本語.txt".getBytes(StandardCharsets.UTF_8)),
                ZipBytes.Entry.stored("x", Documents.ascii("3")).withName(new byte[] {'c', 'a', 'f', (byte) 0x82, '.', 't', 'x', 't'}));

        List<ArchiveEntry> entries = INSPECTOR.inspect(zip, "a.zip", null).archive().orElseThrow().entries();

        assertThat(entries).extracting(ArchiveEntry::path).containsExactly("readme.txt", "日本語.txt", "café.txt");
        assertThat(entries).extracting(ArchiveEntry::nameEncoding).containsExactly(
                NameEncoding.ASCII, NameEncoding.UTF_8_GUESSED, NameEncoding.CP437);
    }

    @Test
    void theUnicodePathFieldWinsWhenItsChecksumMatchesTheRawName() {
        byte[] raw = "報告.txt".getBytes(WINDOWS_31J);
        byte[] zip = ZipBytes.of(
                ZipBytes.Entry.stored("x", Documents.ascii("1")).withName(raw)
                        .withExtra(ZipBytes.unicodePathField("報告（最終）.txt", ZipBytes.crc(raw))),
                ZipBytes.Entry.stored("x", Documents.ascii("2")).withName(raw)
                        .withExtra(ZipBytes.unicodePathField("stale name.txt", ZipBytes.crc(raw) ^ 1)));

        List<ArchiveEntry> entries = INSPECTOR.inspect(zip, "a.zip", null).archive().orElseThrow().entries();

        assertThat(entries).extracting(ArchiveEntry::path).containsExactly("報告（最終）.txt", "報告.txt");
        assertThat(entries).extracting(ArchiveEntry::nameEncoding).containsExactly(
                NameEncoding.UTF_8, NameEncoding.WINDOWS_31J_GUESSED);
    }

    @Test
    void nestedArchivesAreListedToTheDepthLimit() {
        byte[] letter = Documents.ascii("the letter");
        byte[] third = Archives.zip(Map.of("letter.txt", letter));
        byte[] second = Archives.zip(Map.of("third.zip", third));
        byte[] first = Archives.zip(Map.of("second.zip", second));

        Inspection inspection = INSPECTOR.inspect(first, "first.zip", null);

        ArchiveListing listing = inspection.archive().orElseThrow();
        ArchiveListing secondListing = listing.entries().getFirst().nested().orElseThrow();
        ArchiveListing thirdListing = secondListing.entries().getFirst().nested().orElseThrow();
        assertThat(thirdListing.entries().getFirst().fingerprint()).contains(Fingerprinter.of(letter));
        assertThat(List.of(listing, secondListing, thirdListing)).allSatisfy(l -> assertThat(l.truncated()).isFalse());
        assertThat(inspection.flags()).isEmpty();
        assertThat(inspection.notes()).isEmpty();
    }

    @Test
    void anArchiveBelowTheDepthLimitIsNotListedAndTruncatesTheListingsAboveIt() {
        byte[] fourth = Archives.zip(Map.of("letter.txt", Documents.ascii("the letter")));
        byte[] third = Archives.zip(Map.of("fourth.zip", fourth));
        byte[] second = Archives.zip(Map.of("third.zip", third));
        byte[] first = Archives.zip(Map.of("second.zip", second));

        Inspection inspection = INSPECTOR.inspect(first, "first.zip", null);

        ArchiveListing listing = inspection.archive().orElseThrow();
        ArchiveListing secondListing = listing.entries().getFirst().nested().orElseThrow();
        ArchiveListing thirdListing = secondListing.entries().getFirst().nested().orElseThrow();
        ArchiveEntry fourthEntry = thirdListing.entries().getFirst();
        assertThat(fourthEntry.path()).isEqualTo("fourth.zip");
        assertThat(fourthEntry.fingerprint()).contains(Fingerprinter.of(fourth));
        assertThat(fourthEntry.nested()).isEmpty();
        assertThat(fourthEntry.flags()).containsExactly(Flag.ARCHIVE_TRUNCATED);
        assertThat(List.of(listing, secondListing, thirdListing)).allSatisfy(l -> assertThat(l.truncated()).isTrue());
        assertThat(inspection.flags()).containsExactly(Flag.ARCHIVE_TRUNCATED);
        assertThat(inspection.notes()).containsExactly(new InspectionNote(NoteKind.DEPTH_LIMIT,
                "zip entry 1 at depth 3: zip archive at depth 4 not listed, the limit is 3"));
    }

    @Test
    void aZipOf5000EntriesIsListedUpToTheEntryLimit() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < 5000; i++) {
            entries.put("file%04d.txt".formatted(i), Documents.ascii("line " + i));
        }

        Inspection inspection = INSPECTOR.inspect(Archives.zip(entries), "many.zip", null);

        ArchiveListing listing = inspection.archive().orElseThrow();
        assertThat(listing.entries()).hasSize(1000);
        assertThat(listing.entries().getLast().path()).isEqualTo("file0999.txt");
        assertThat(listing.truncated()).isTrue();
        assertThat(listing.totalSize()).isEqualTo(entries.values().stream().mapToLong(b -> b.length).sum());
        assertThat(inspection.flags()).containsExactly(Flag.ARCHIVE_TRUNCATED);
        assertThat(inspection.notes()).containsExactly(new InspectionNote(NoteKind.ENTRY_LIMIT,
                "zip archive at depth 1: 4000 entries beyond the limit not listed"));
    }

    @Test
    void aZip64DirectoryOfMoreThan65535Entries() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < 70_000; i++) {
            entries.put(Integer.toString(i, 36), new byte[0]);
        }

        Inspection inspection = INSPECTOR.inspect(Archives.zip(entries), "many.zip", null);

        assertThat(inspection.archive().orElseThrow().entries()).hasSize(1000);
        assertThat(inspection.notes()).containsExactly(new InspectionNote(NoteKind.ENTRY_LIMIT,
                "zip archive at depth 1: 69000 entries beyond the limit not listed"));
    }

    @Test
    void theEntryLimitInAllCoversNestedArchives() {
        byte[] inner = Archives.zip(Map.of("a.txt", Documents.ascii("a"), "b.txt", Documents.ascii("b"),
                "c.txt", Documents.ascii("c")));
        Map<String, byte[]> outer = new LinkedHashMap<>();
        outer.put("one.zip", inner);
        outer.put("two.zip", inner);
        InspectionLimits limits = new InspectionLimits(3, 1000, 5, 1 << 20, 1 << 24, 100,
                InspectionLimits.STANDARD.maxDuration());

        Inspection inspection = new Inspector(limits).inspect(Archives.zip(outer), "outer.zip", null);

        ArchiveListing listing = inspection.archive().orElseThrow();
        assertThat(listing.entries().get(0).nested().orElseThrow().entries()).hasSize(3);
        assertThat(listing.entries().get(1).nested().orElseThrow().entries()).hasSize(1);
        assertThat(listing.truncated()).isTrue();
        assertThat(inspection.notes()).containsExactly(new InspectionNote(NoteKind.ENTRY_LIMIT,
                "zip archive at depth 2: 2 entries beyond the limit not listed"));
    }

    @Test
    void aPasswordProtectedZipIsListedButNotRead() {
        byte[] password = "Tokyo2024!".getBytes(StandardCharsets.US_ASCII);
        Random random = new Random(7);
        byte[] quotation = Documents.ascii("quotation: 1,000,000 yen");
        byte[] program = Documents.windowsProgram();
        ZipBytes.Entry first = ppap("見積書.xlsx", quotation, password, random);
        ZipBytes.Entry second = ppap("見積書.pdf.exe", program, password, random);
        byte[] zip = ZipBytes.of(first, second);
        assertThat(ZipCipher.decrypt(password, first.data(), 0, first.data().length, first.crc())).contains(ZipBytes.deflate(quotation));

        Inspection inspection = INSPECTOR.inspect(zip, "見積書.zip", "application/zip");

        ArchiveListing listing = inspection.archive().orElseThrow();
        assertThat(listing.entries()).containsExactly(
                new ArchiveEntry("見積書.xlsx", NameEncoding.UTF_8, OptionalLong.of(quotation.length),
                        OptionalLong.of(first.data().length), true, Optional.empty(), Optional.empty(), Set.of()),
                new ArchiveEntry("見積書.pdf.exe", NameEncoding.UTF_8, OptionalLong.of(program.length),
                        OptionalLong.of(second.data().length), true, Optional.empty(), Optional.empty(),
                        Set.of(Flag.EXECUTABLE, Flag.DOUBLE_EXTENSION)));
        assertThat(listing.encrypted()).isTrue();
        assertThat(listing.truncated()).isFalse();
        assertThat(inspection.flags()).containsExactly(Flag.EXECUTABLE, Flag.DOUBLE_EXTENSION, Flag.ENCRYPTED_ARCHIVE);
        assertThat(inspection.notes()).isEmpty();
        assertThat(inspection.decompressedBytes()).isZero();
    }

    @Test
    void aWinZipAesEntryIsEncryptedBesideAReadableOne() {
        byte[] dummy = new byte[16 + 2 + 40 + 10];
        new Random(3).nextBytes(dummy);
        byte[] readme = Documents.ascii("password follows in a separate mail");
        byte[] zip = ZipBytes.of(
                ZipBytes.Entry.deflated("contract.docx", new byte[40]).withMethod(99).withFlags(ZipBytes.ENCRYPTED)
                        .withData(dummy).withExtra(ZipBytes.winZipAesField()),
                ZipBytes.Entry.deflated("readme.txt", readme));

        Inspection inspection = INSPECTOR.inspect(zip, "contract.zip", null);

        List<ArchiveEntry> entries = inspection.archive().orElseThrow().entries();
        assertThat(entries).extracting(ArchiveEntry::encrypted).containsExactly(true, false);
        assertThat(entries.get(0).compressedSize()).hasValue(dummy.length);
        assertThat(entries.get(0).size()).hasValue(40);
        assertThat(entries.get(0).fingerprint()).isEmpty();
        assertThat(entries.get(1).fingerprint()).contains(Fingerprinter.of(readme));
        assertThat(inspection.flags()).containsExactly(Flag.ENCRYPTED_ARCHIVE);
        assertThat(inspection.notes()).isEmpty();
    }

    @Test
    void entriesInsideAreCheckedLikeAttachments() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("invoice.pdf.exe", Documents.windowsProgram());
        entries.put("../../startup/run.txt", Documents.ascii("x"));
        entries.put("statement.pdf", Documents.pdf("/OpenAction << /S /JavaScript /JS (x) >>"));
        entries.put("folder/", new byte[0]);

        Inspection inspection = INSPECTOR.inspect(Archives.zip(entries), "statement.zip", null);

        List<ArchiveEntry> listed = inspection.archive().orElseThrow().entries();
        assertThat(listed).extracting(ArchiveEntry::flags).containsExactly(
                Set.of(Flag.EXECUTABLE, Flag.DOUBLE_EXTENSION), Set.of(Flag.PATH_TRAVERSAL),
                Set.of(Flag.PDF_JAVASCRIPT, Flag.PDF_OPEN_ACTION), Set.of());
        assertThat(listed.getLast().directory()).isTrue();
        assertThat(listed.getLast().fingerprint()).isEmpty();
        assertThat(inspection.flags()).containsExactly(Flag.PDF_JAVASCRIPT, Flag.PDF_OPEN_ACTION, Flag.EXECUTABLE,
                Flag.DOUBLE_EXTENSION, Flag.PATH_TRAVERSAL);
    }

    @Test
    void entriesWithUnsupportedMethodsOrMisleadingHeadersAreNoted() {
        byte[] zip = ZipBytes.of(
                ZipBytes.Entry.stored("packed.bin", Documents.ascii("lzma data")).withMethod(14),
                ZipBytes.Entry.stored("shown.txt", Documents.ascii("hello")));
        // The local header of the second entry names another file than its central record.
        byte[] renamed = replace(zip, "shown.txt", "other.exe");

        Inspection inspection = INSPECTOR.inspect(renamed, "a.zip", null);

        assertThat(inspection.archive().orElseThrow().entries()).extracting(ArchiveEntry::fingerprint)
                .containsExactly(Optional.empty(), Optional.of(Fingerprinter.of(Documents.ascii("hello"))));
        assertThat(inspection.notes()).containsExactly(
                new InspectionNote(NoteKind.ENTRY_UNREADABLE, "zip entry 1 at depth 1: compression method 14 not supported"),
                new InspectionNote(NoteKind.NAME_MISMATCH, "zip entry 2 at depth 1: its local header gives another name"));
    }

    @Test
    void concatenatedZipsAreListedAsTheirLastCentralDirectoryDescribesThem() {
        byte[] decoy = Archives.zip(Map.of("readme.txt", Documents.ascii("nothing to see")));
        byte[] payload = Archives.zip(Map.of("invoice.pdf.exe", Documents.windowsProgram()));
        byte[] both = new byte[decoy.length + payload.length];
        System.arraycopy(decoy, 0, both, 0, decoy.length);
        System.arraycopy(payload, 0, both, decoy.length, payload.length);

        Inspection inspection = INSPECTOR.inspect(both, "readme.zip", null);

        List<ArchiveEntry> entries = inspection.archive().orElseThrow().entries();
        assertThat(entries).extracting(ArchiveEntry::path).containsExactly("invoice.pdf.exe");
        assertThat(entries.getFirst().fingerprint()).contains(Fingerprinter.of(Documents.windowsProgram()));
        assertThat(inspection.flags()).containsExactly(Flag.EXECUTABLE, Flag.DOUBLE_EXTENSION);
    }

    private static ZipBytes.Entry ppap(String name, byte[] content, byte[] password, Random random) {
        ZipBytes.Entry plain = ZipBytes.Entry.deflated(name, content);
        return plain.withFlags(ZipBytes.ENCRYPTED | ZipBytes.UTF8)
                .withData(ZipCipher.encrypt(password, plain.data(), plain.crc(), random));
    }

    private static byte[] replace(byte[] bytes, String first, String replacement) {
        byte[] from = first.getBytes(StandardCharsets.US_ASCII);
        byte[] to = replacement.getBytes(StandardCharsets.US_ASCII);
        byte[] copy = bytes.clone();
        for (int i = 0; i <= copy.length - from.length; i++) {
            if (Arrays.equals(copy, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, copy, i, to.length);
                return copy;
            }
        }
        throw new AssertionError("not found");
    }
}
