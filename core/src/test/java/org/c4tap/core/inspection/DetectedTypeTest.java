package org.c4tap.core.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DetectedTypeTest {

    private static final Inspector INSPECTOR = new Inspector(InspectionLimits.STANDARD);

    static Stream<Arguments> magic() {
        return Stream.of(
                Arguments.of(Archives.zip(Map.of("a.txt", Documents.ascii("a"))), "application/zip"),
                Arguments.of(Documents.pdf(""), "application/pdf"),
                Arguments.of(Documents.png(), "image/png"),
                Arguments.of(Documents.ascii("Dear customer,\nyour parcel is waiting.\n"), "text/plain"),
                Arguments.of(Documents.windowsProgram(), "application/x-msdownload; format=pe32"),
                Arguments.of(new byte[0], "application/octet-stream"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("magic")
    void theTypeComesFromTheBytesNotTheName(byte[] content, String expected) {
        assertThat(INSPECTOR.inspect(content, "photo.jpg", "image/jpeg").detectedType()).isEqualTo(expected);
        assertThat(INSPECTOR.inspect(content, "notes.txt", null).detectedType()).isEqualTo(expected);
    }

    static Stream<Arguments> declaredTypes() {
        return Stream.of(
                Arguments.of(Documents.windowsProgram(), "application/pdf", true),
                Arguments.of(Archives.zip(Map.of("a.txt", Documents.ascii("a"))), "image/jpeg", true),
                Arguments.of(Documents.png(), "image/jpeg", true),
                Arguments.of(Documents.pdf(""), "application/pdf", false),
                Arguments.of(Documents.pdf(""), "APPLICATION/PDF; name=\"a.pdf\"", false),
                Arguments.of(Documents.pdf(""), "application/octet-stream", false),
                Arguments.of(Archives.zip(Map.of("a.txt", Documents.ascii("a"))), "application/x-zip-compressed", false),
                Arguments.of(Documents.docx(false), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", false),
                Arguments.of(Documents.ole2("WordDocument"), "application/msword", false),
                Arguments.of(Documents.ascii("a,b\n1,2\n"), "text/csv", false),
                Arguments.of(Documents.windowsProgram(), "application/x-unheard-of", false),
                Arguments.of(Documents.windowsProgram(), "not a type", false),
                Arguments.of(Documents.windowsProgram(), null, false));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("declaredTypes")
    void aDeclaredTypeThatRulesOutTheBytesIsAMismatch(byte[] content, String declared, boolean mismatch) {
        assertThat(INSPECTOR.inspect(content, "file", declared).has(Flag.TYPE_MISMATCH)).isEqualTo(mismatch);
    }
}
