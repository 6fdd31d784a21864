package org.c4tap.core.inspection;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Recognises the parts of an Office Open XML package (docx, xlsm, pptm, ...) that carry macros,
 * by their names and by the content types the package declares.
 */
final class OfficeMacros {

    private static final String CONTENT_TYPES = "[content_types].xml";
    /** Content types of macro-enabled packages and of the VBA project part itself. */
    private static final String[] MACRO_TYPES = {"macroenabled", "vnd.ms-office.vbaproject", "vnd.ms-excel.macrosheet"};

    private OfficeMacros() {
    }

    /** A VBA project part, or an Excel 4.0 macro sheet. */
    static boolean isMacroPart(String path) {
        String lower = path.replace('\\', '/').toLowerCase(Locale.ROOT);
        return lower.endsWith("vbaproject.bin") || lower.startsWith("xl/macrosheets/");
    }

    /** A package's content-type declaration naming macro-enabled content. */
    static boolean declaresMacros(String path, byte[] content) {
        if (!path.toLowerCase(Locale.ROOT).equals(CONTENT_TYPES)) {
            return false;
        }
        // Content types are ASCII whatever the XML encoding, except UTF-16, which Office never writes here.
        String text = new String(content, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        for (String type : MACRO_TYPES) {
            if (text.contains(type)) {
                return true;
            }
        }
        return false;
    }
}
