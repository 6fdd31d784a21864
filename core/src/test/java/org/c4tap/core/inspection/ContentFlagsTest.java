package org.c4tap.core.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.c4tap.core.inspection.Flag.ENCRYPTED_DOCUMENT;
import static org.c4tap.core.inspection.Flag.EXECUTABLE;
import static org.c4tap.core.inspection.Flag.OFFICE_MACRO;
import static org.c4tap.core.inspection.Flag.PDF_EMBEDDED_FILE;
import static org.c4tap.core.inspection.Flag.PDF_JAVASCRIPT;
import static org.c4tap.core.inspection.Flag.PDF_LAUNCH;
import static org.c4tap.core.inspection.Flag.PDF_OPEN_ACTION;
import static org.c4tap.core.inspection.Flag.RTF_OBJECT;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.poi.hpsf.ClassID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContentFlagsTest {

    private static final Inspector INSPECTOR = new Inspector(InspectionLimits.STANDARD);

    static Stream<Arguments> programs() {
        return Stream.of(
                Arguments.of("windows program", Documents.windowsProgram(), EnumSet.of(EXECUTABLE)),
                Arguments.of("ELF", Documents.elf(), EnumSet.of(EXECUTABLE)),
                Arguments.of("Mach-O", Documents.machO(), EnumSet.of(EXECUTABLE)),
                Arguments.of("Windows shortcut", Documents.windowsShortcut(), EnumSet.of(EXECUTABLE)),
                Arguments.of("DOS stub without PE header", Documents.dosStubOnly(), EnumSet.noneOf(Flag.class)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void programsAreKnownByTheirMagicWhateverTheirName(String kind, byte[] content, Set<Flag> expected) {
        Inspection inspection = INSPECTOR.inspect(content, "holiday-photo.dat", null);

        assertThat(inspection.flags()).isEqualTo(expected);
        assertThat(inspection.notes()).isEmpty();
    }

    static Stream<Arguments> pdfs() {
        return Stream.of(
                Arguments.of("clean", Documents.pdf(""), EnumSet.noneOf(Flag.class)),
                Arguments.of("JavaScript action",
                        Documents.pdf("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
                        EnumSet.of(PDF_JAVASCRIPT, PDF_OPEN_ACTION)),
                Arguments.of("hex-escaped name", Documents.pdf("/Names << /J#61vaScript 9 0 R >>"),
                        EnumSet.of(PDF_JAVASCRIPT)),
                Arguments.of("every letter escaped", Documents.pdf("/Names << /#4A#61#76#61#53#63#72#69#70#74 9 0 R >>"),
                        EnumSet.of(PDF_JAVASCRIPT)),
                Arguments.of("JS key alone", Documents.pdf("/X << /JS 7 0 R >>"), EnumSet.of(PDF_JAVASCRIPT)),
                Arguments.of("open action", Documents.pdf("/OpenAction [3 0 R /Fit]"), EnumSet.of(PDF_OPEN_ACTION)),
                Arguments.of("additional actions", Documents.pdf("/AA << /O 8 0 R >>"), EnumSet.of(PDF_OPEN_ACTION)),
                Arguments.of("launch", Documents.pdf("/Lnk << /S /Launch /F (cmd.exe) >>"), EnumSet.of(PDF_LAUNCH)),
                Arguments.of("embedded file", Documents.pdf("/Names << /EmbeddedFiles 6 0 R >>"),
                        EnumSet.of(PDF_EMBEDDED_FILE)),
                Arguments.of("encrypted", Documents.pdf("/Encrypt 12 0 R"), EnumSet.of(ENCRYPTED_DOCUMENT)),
                Arguments.of("names that only start alike", Documents.pdf("/JSX 1 /AAB 2 /Launcher 3 /JavaScripts 4"),
                        EnumSet.noneOf(Flag.class)),
                Arguments.of("action inside a deflated object stream",
                        Documents.pdfWithCompressedAction("/S /JavaScript /JS (app.alert(2))"), EnumSet.of(PDF_JAVASCRIPT)),
                Arguments.of("action stream after a false keyword", concat(Documents.ascii("%PDF-1.7\n% upstream data\n"),
                        Documents.pdfWithCompressedAction("/S /JavaScript /JS (x)")), EnumSet.of(PDF_JAVASCRIPT)),
                Arguments.of("launch inside a deflated object stream",
                        Documents.pdfWithCompressedAction("/S /Launch /F (calc.exe)"), EnumSet.of(PDF_LAUNCH)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pdfs")
    void pdfNames(String kind, byte[] pdf, Set<Flag> expected) {
        Inspection inspection = INSPECTOR.inspect(pdf, "document.pdf", "application/pdf");

        assertThat(inspection.detectedType()).isEqualTo("application/pdf");
        assertThat(inspection.flags()).isEqualTo(expected);
        assertThat(inspection.notes()).isEmpty();
    }

    @Test
    void pdfStreamInflationCountsAgainstTheLimits() {
        byte[] pdf = Documents.pdfWithCompressedAction("/S /JavaScript /JS (" + "x".repeat(5000) + ")");
        InspectionLimits small = new InspectionLimits(3, 1000, 10_000, 1000, 100_000_000, 100,
                InspectionLimits.STANDARD.maxDuration());

        Inspection inspection = new Inspector(small).inspect(pdf, "document.pdf", null);

        assertThat(inspection.flags()).isEmpty();
        assertThat(inspection.decompressedBytes()).isEqualTo(1000);
        assertThat(inspection.notes()).containsExactly(new InspectionNote(NoteKind.SIZE_LIMIT,
                "attachment: PDF streams: not read past 1000 bytes, the limit per entry"));
    }

    static Stream<Arguments> ole2Files() {
        return Stream.of(
                Arguments.of("Word document with macros", Documents.ole2("WordDocument", "Macros/VBA/dir",
                        "Macros/VBA/ThisDocument", "Macros/PROJECT"), EnumSet.of(OFFICE_MACRO)),
                Arguments.of("Excel workbook with macros", Documents.ole2("Workbook", "_VBA_PROJECT_CUR/VBA/dir",
                        "_VBA_PROJECT_CUR/PROJECT"), EnumSet.of(OFFICE_MACRO)),
                Arguments.of("vbaProject.bin", Documents.vbaProject(), EnumSet.of(OFFICE_MACRO)),
                Arguments.of("Word document without macros", Documents.ole2("WordDocument", "1Table",
                        "\u0005SummaryInformation"), EnumSet.noneOf(Flag.class)),
                Arguments.of("password-protected OOXML", Documents.ole2("EncryptionInfo", "EncryptedPackage"),
                        EnumSet.of(ENCRYPTED_DOCUMENT)),
                Arguments.of("Windows Installer", Documents.ole2(new ClassID("{000C1084-0000-0000-C000-000000000046}"),
                        "\u4840\u3F3F\u4577\u446C"), EnumSet.of(EXECUTABLE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ole2Files")
    void ole2Storages(String kind, byte[] ole2, Set<Flag> expected) {
        Inspection inspection = INSPECTOR.inspect(ole2, "document.doc", "application/msword");

        assertThat(inspection.detectedType()).isEqualTo("application/x-tika-msoffice");
        assertThat(inspection.flags()).isEqualTo(expected);
        assertThat(inspection.notes()).isEmpty();
    }

    @Test
    void damagedOle2IsNotedNotThrown() {
        byte[] ole2 = Documents.ole2("WordDocument");
        byte[] cut = Arrays.copyOf(ole2, 600);

        Inspection inspection = INSPECTOR.inspect(cut, "document.doc", null);

        assertThat(inspection.flags()).isEmpty();
        assertThat(inspection.notes()).extracting(InspectionNote::kind).containsExactly(NoteKind.DOCUMENT_UNREADABLE);
        assertThat(inspection.notes().getFirst().detail()).startsWith("attachment: OLE2 structure unreadable (");
    }

    @Test
    void docxWithVbaProjectCarriesAMacro() {
        Inspection inspection = INSPECTOR.inspect(Documents.docx(true), "order.docm",
                "application/vnd.ms-word.document.macroEnabled.12");

        assertThat(inspection.flags()).containsExactly(OFFICE_MACRO);
        ArchiveListing listing = inspection.archive().orElseThrow();
        assertThat(listing.entries()).extracting(ArchiveEntry::path).containsExactly(
                "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/vbaProject.bin");
        assertThat(listing.entries()).extracting(ArchiveEntry::flags).containsExactly(
                Set.of(OFFICE_MACRO), Set.of(), Set.of(), Set.of(OFFICE_MACRO));
        assertThat(inspection.notes()).isEmpty();
    }

    @Test
    void docxWithoutMacrosIsClean() {
        Inspection inspection = INSPECTOR.inspect(Documents.docx(false), "order.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

        assertThat(inspection.flags()).isEmpty();
        // Tika's magic knows an OOXML package by its first entry's name.
        assertThat(inspection.detectedType()).isEqualTo("application/x-tika-ooxml");
        assertThat(inspection.archive().orElseThrow().entries()).hasSize(3)
                .allSatisfy(entry -> assertThat(entry.fingerprint()).isPresent());
        assertThat(inspection.notes()).isEmpty();
    }

    @Test
    void excel4MacroSheetIsAMacro() {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", Documents.ascii("<Types/>"));
        parts.put("xl/workbook.xml", Documents.ascii("<workbook/>"));
        parts.put("xl/macrosheets/sheet1.xml", Documents.ascii("<xm:macrosheet/>"));

        Inspection inspection = INSPECTOR.inspect(Archives.zip(parts), "book.xlsx", null);

        assertThat(inspection.flags()).containsExactly(OFFICE_MACRO);
    }

    @Test
    void rtfWithAnEmbeddedObject() {
        byte[] rtf = Documents.rtf("{\\object\\objemb\\objw100\\objh100{\\*\\objclass Equation.3}{\\*\\objdata 0105000002000000}}");

        Inspection inspection = INSPECTOR.inspect(rtf, "minutes.doc", null);

        assertThat(inspection.detectedType()).isEqualTo("application/rtf");
        assertThat(inspection.flags()).containsExactly(RTF_OBJECT);
    }

    @Test
    void plainRtf() {
        Inspection inspection = INSPECTOR.inspect(Documents.rtf("{\\b Objectives} \\par objdata as text"), "minutes.rtf", null);

        assertThat(inspection.flags()).isEmpty();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
