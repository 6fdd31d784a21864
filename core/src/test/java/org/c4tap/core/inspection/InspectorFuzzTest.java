package org.c4tap.core.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.c4tap.core.testing.FuzzSeeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target: an attachment's bytes, as a hostile sender chooses them, through the inspector the
 * operator gateway runs on every attachment (zip, 7z, tar, gzip, Office and PDF documents, nested
 * to the depth limit). The property: it never throws, whatever the bytes; it keeps to its limits of
 * bytes, entries and time; what it returns is well-formed.
 *
 * <p>The first byte of an input picks the file name and declared type the mail gives it (they
 * steer the flags and the type-mismatch check); the rest is the attachment. The seeds
 * ({@link #seeds()}) are real archives and documents made by ordinary libraries.
 */
class InspectorFuzzTest {

    /** The gateway's limits, but a shorter clock, so that a time limit that is not kept shows up as a timeout. */
    static final InspectionLimits LIMITS = new InspectionLimits(InspectionLimits.STANDARD.maxDepth(),
            InspectionLimits.STANDARD.maxEntriesPerArchive(), InspectionLimits.STANDARD.maxEntriesInAll(),
            InspectionLimits.STANDARD.maxBytesPerEntry(), InspectionLimits.STANDARD.maxBytesInAll(),
            InspectionLimits.STANDARD.maxRatio(), Duration.ofSeconds(5));
    private static final Inspector INSPECTOR = new Inspector(LIMITS);

    private static final List<String[]> NAMES = List.of(
            new String[] {"invoice.zip", "application/zip"},
            new String[] {"invoice.7z", "application/x-7z-compressed"},
            new String[] {"invoice.tar", "application/x-tar"},
            new String[] {"invoice.tar.gz", "application/gzip"},
            new String[] {"invoice.docm", "application/vnd.ms-word.document.macroEnabled.12"},
            new String[] {"invoice.xls", "application/vnd.ms-excel"},
            new String[] {"invoice.pdf", "application/pdf"},
            new String[] {"invoice.rtf", "application/rtf"},
            new String[] {"請求書.pdf.exe", "application/octet-stream"},
            new String[] {null, null});

    @FuzzTest
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    @DictionaryFile(resourcePath = "InspectorFuzzTest.dict")
    void inspect(byte[] input) {
        String[] name = NAMES.get(input.length == 0 ? NAMES.size() - 1 : Byte.toUnsignedInt(input[0]) % NAMES.size());
        byte[] content = input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);

        Inspection inspection = INSPECTOR.inspect(content, name[0], name[1]);

        assertThat(inspection.detectedType()).isNotBlank();
        assertThat(inspection.decompressedBytes()).isBetween(0L, LIMITS.maxBytesInAll());
        inspection.archive().ifPresent(listing -> {
            assertThat(entries(listing, 1)).isLessThanOrEqualTo(LIMITS.maxEntriesInAll());
            assertThat(listing.totalSize()).isNotNegative();
            assertThat(listing.totalCompressedSize()).isNotNegative();
            assertThat(listing.ratio()).isNotNaN().isNotNegative();
        });
        inspection.notes().forEach(note -> assertThat(note.detail()).isNotNull());
    }

    /** How many entries the listing holds at every depth; the depth never passes the limit. */
    private static int entries(ArchiveListing listing, int depth) {
        assertThat(depth).isLessThanOrEqualTo(LIMITS.maxDepth());
        assertThat(listing.entries().size()).isLessThanOrEqualTo(LIMITS.maxEntriesPerArchive());
        int count = listing.entries().size();
        for (ArchiveEntry entry : listing.entries()) {
            assertThat(entry.path()).isNotNull();
            entry.size().ifPresent(size -> assertThat(size).isNotNegative());
            if (entry.nested().isPresent()) {
                count += entries(entry.nested().get(), depth + 1);
            }
        }
        return count;
    }

    /** The seed corpus: one small, well-formed specimen of each format the inspector reads. */
    static Map<String, byte[]> seeds() {
        byte[] script = Documents.ascii("WScript.Shell.Run('calc')\r\n");
        byte[] minutes = Documents.ascii("minutes of the meeting\n");
        Map<String, byte[]> plain = new LinkedHashMap<>();
        plain.put("docs/", new byte[0]);
        plain.put("docs/議事録.txt", minutes);
        plain.put("docs/update.js", script);
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("zip", named(0, Archives.zip(plain)));
        seeds.put("zip-shift-jis-names", named(0, Archives.zip(java.nio.charset.Charset.forName("windows-31j"),
                Map.of("請求書.exe", PpapZip.windowsProgram()))));
        seeds.put("zip-in-zip", named(0, Archives.zip(Map.of("inner.zip", Archives.zip(Map.of("run.vbs", script)), "a.txt", minutes))));
        seeds.put("zip-ppap", named(0, PpapZip.of(Map.of("請求書.docm", Documents.docx(true), "readme.txt", minutes), "pass", 7)));
        seeds.put("zip-stored", named(0, ZipBytes.of(ZipBytes.Entry.stored("a.lnk", Documents.windowsShortcut()))));
        seeds.put("7z", named(1, Archives.sevenZ(plain, null)));
        seeds.put("7z-encrypted", named(1, Archives.sevenZ(Map.of("invoice.exe", PpapZip.windowsProgram()), "pass".toCharArray())));
        seeds.put("7z-encrypted-headers", named(1, SevenZipBytes.withEncryptedHeaders()));
        seeds.put("tar", named(2, Archives.tar(plain)));
        seeds.put("tar-pax", named(2, Archives.tar("ISO-8859-1", true, plain)));
        seeds.put("tar-gz", named(3, Archives.gzip(Archives.tar(plain), "docs.tar")));
        seeds.put("gz", named(3, Archives.gzip(script, "update.js")));
        seeds.put("docm", named(4, Documents.docx(true)));
        seeds.put("ole2-vba", named(5, Documents.vbaProject()));
        seeds.put("pdf-javascript", named(6, Documents.pdf("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>")));
        seeds.put("pdf-compressed-launch", named(6, Documents.pdfWithCompressedAction("/Launch")));
        seeds.put("rtf-object", named(7, Documents.rtf("{\\object\\objemb{\\*\\objdata 01050000020000000b0000004571756174696f6e2e3300}}")));
        seeds.put("exe", named(8, PpapZip.windowsProgram()));
        seeds.put("png", named(9, Documents.png()));
        return seeds;
    }

    private static byte[] named(int name, byte[] content) {
        byte[] input = new byte[content.length + 1];
        input[0] = (byte) name;
        System.arraycopy(content, 0, input, 1, content.length);
        return input;
    }

    @Test
    void theSeedCorpusIsCommittedAndReachesTheListings() {
        assertThat(FuzzSeeds.writeMissing(getClass(), "inspect", seeds())).as("seeds written now: commit them").isEmpty();
        Map<String, byte[]> committed = FuzzSeeds.committed(getClass(), "inspect");
        int listed = 0;
        for (Map.Entry<String, byte[]> seed : committed.entrySet()) {
            if (List.of("seed-zip", "seed-7z", "seed-tar", "seed-gz").stream().anyMatch(seed.getKey()::startsWith)) {
                byte[] input = seed.getValue();
                Inspection inspection = INSPECTOR.inspect(Arrays.copyOfRange(input, 1, input.length), "x", null);
                assertThat(inspection.archive()).as(seed.getKey()).isPresent();
                listed++;
            }
        }
        assertThat(listed).isGreaterThanOrEqualTo(10);
        assertThat(new String(committed.get("seed-zip"), 1, 2, StandardCharsets.US_ASCII)).isEqualTo("PK");
    }
}
