package org.c4tap.core.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.c4tap.core.inspection.Flag.DOUBLE_EXTENSION;
import static org.c4tap.core.inspection.Flag.EXECUTABLE;
import static org.c4tap.core.inspection.Flag.PATH_TRAVERSAL;
import static org.c4tap.core.inspection.Flag.RIGHT_TO_LEFT_OVERRIDE;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FileNameFlagsTest {

    private static final Inspector INSPECTOR = new Inspector(InspectionLimits.STANDARD);
    private static final byte[] TEXT = Documents.ascii("Please find the quotation attached.\n");

    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of("invoice.pdf", EnumSet.noneOf(Flag.class)),
                Arguments.of("invoice.pdf.exe", EnumSet.of(EXECUTABLE, DOUBLE_EXTENSION)),
                Arguments.of("invoice.pdf   .exe", EnumSet.of(EXECUTABLE, DOUBLE_EXTENSION)),
                Arguments.of("invoice.pdf...exe", EnumSet.of(EXECUTABLE, DOUBLE_EXTENSION)),
                Arguments.of("INVOICE.PDF.EXE", EnumSet.of(EXECUTABLE, DOUBLE_EXTENSION)),
                Arguments.of("請求書.docx\u3000.scr", EnumSet.of(EXECUTABLE, DOUBLE_EXTENSION)),
                Arguments.of("invoice.pdf.exe. . ", EnumSet.of(EXECUTABLE, DOUBLE_EXTENSION)),
                Arguments.of("photo\u202Egpj.exe", EnumSet.of(RIGHT_TO_LEFT_OVERRIDE, EXECUTABLE)),
                Arguments.of("report\u2067fdp.js", EnumSet.of(RIGHT_TO_LEFT_OVERRIDE, EXECUTABLE)),
                Arguments.of("note\u200F.txt", EnumSet.of(RIGHT_TO_LEFT_OVERRIDE)),
                Arguments.of("version.1.2.exe", EnumSet.of(EXECUTABLE)),
                Arguments.of("setup.msi", EnumSet.of(EXECUTABLE)),
                Arguments.of("shortcut.lnk", EnumSet.of(EXECUTABLE)),
                Arguments.of("disk.iso", EnumSet.of(EXECUTABLE)),
                Arguments.of("meeting.one", EnumSet.of(EXECUTABLE)),
                Arguments.of("run.ps1", EnumSet.of(EXECUTABLE)),
                Arguments.of("page.hta", EnumSet.of(EXECUTABLE)),
                Arguments.of("script.vbe", EnumSet.of(EXECUTABLE)),
                Arguments.of("exe", EnumSet.noneOf(Flag.class)),
                Arguments.of("archive.exe.pdf", EnumSet.noneOf(Flag.class)),
                Arguments.of("../../etc/cron.d/job", EnumSet.of(PATH_TRAVERSAL)),
                Arguments.of("C:\\Users\\Public\\run.bat", EnumSet.of(PATH_TRAVERSAL, EXECUTABLE)),
                Arguments.of("", EnumSet.noneOf(Flag.class)));
    }

    @ParameterizedTest
    @MethodSource("names")
    void flagsOfTheNameAlone(String name, Set<Flag> expected) {
        Inspection inspection = INSPECTOR.inspect(TEXT, name, "text/plain");

        assertThat(inspection.flags()).isEqualTo(expected);
        assertThat(inspection.detectedType()).isEqualTo("text/plain");
        assertThat(inspection.archive()).isEmpty();
        assertThat(inspection.notes()).isEmpty();
    }

    @Test
    void aNullNameIsNoName() {
        assertThat(INSPECTOR.inspect(TEXT, null, null).flags()).isEmpty();
    }
}
