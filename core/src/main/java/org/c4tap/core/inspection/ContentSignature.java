package org.c4tap.core.inspection;

import java.nio.charset.StandardCharsets;

/** What a file is by its first bytes, for the kinds the inspector looks into or flags. */
enum ContentSignature {
    WINDOWS_PROGRAM,
    ELF,
    MACH_O,
    WINDOWS_SHORTCUT,
    PDF,
    OLE2,
    RTF,
    ZIP,
    SEVEN_Z,
    GZIP,
    TAR,
    OTHER;

    /** Readers accept a PDF header anywhere in the first kilobyte, so attackers put junk before it. */
    private static final int PDF_HEADER_WINDOW = 1024;

    private static final byte[] SHORTCUT_HEADER = {
            0x4C, 0, 0, 0, 0x01, 0x14, 0x02, 0, 0, 0, 0, 0, (byte) 0xC0, 0, 0, 0, 0, 0, 0, 0x46};
    private static final byte[] OLE2_HEADER = {
            (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    private static final byte[] SEVEN_Z_HEADER = {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C};
    private static final byte[] PDF_HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RTF_HEADER = "{\\rtf".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] USTAR = "ustar".getBytes(StandardCharsets.US_ASCII);
    private static final int USTAR_OFFSET = 257;

    static ContentSignature of(byte[] b) {
        if (isWindowsProgram(b)) {
            return WINDOWS_PROGRAM;
        }
        if (startsWith(b, 0, 0x7F, 'E', 'L', 'F')) {
            return ELF;
        }
        if (isMachO(b)) {
            return MACH_O;
        }
        if (startsWith(b, 0, SHORTCUT_HEADER)) {
            return WINDOWS_SHORTCUT;
        }
        if (startsWith(b, 0, OLE2_HEADER)) {
            return OLE2;
        }
        if (startsWith(b, 0, RTF_HEADER)) {
            return RTF;
        }
        if (startsWith(b, 0, 'P', 'K', 3, 4) || startsWith(b, 0, 'P', 'K', 5, 6)) {
            return ZIP;
        }
        if (startsWith(b, 0, SEVEN_Z_HEADER)) {
            return SEVEN_Z;
        }
        if (startsWith(b, 0, 0x1F, 0x8B, 0x08)) {
            return GZIP;
        }
        if (startsWith(b, USTAR_OFFSET, USTAR)) {
            return TAR;
        }
        if (hasPdfHeader(b)) {
            return PDF;
        }
        return OTHER;
    }

    boolean executable() {
        return this == WINDOWS_PROGRAM || this == ELF || this == MACH_O || this == WINDOWS_SHORTCUT;
    }

    /** "MZ" alone is any DOS stub; a Windows program also has "PE\0\0" where the stub points. */
    private static boolean isWindowsProgram(byte[] b) {
        if (b.length < 0x40 || !startsWith(b, 0, 'M', 'Z')) {
            return false;
        }
        long peOffset = (b[0x3C] & 0xFFL) | (b[0x3D] & 0xFFL) << 8 | (b[0x3E] & 0xFFL) << 16 | (b[0x3F] & 0xFFL) << 24;
        return peOffset <= b.length - 4 && startsWith(b, (int) peOffset, 'P', 'E', 0, 0);
    }

    private static boolean isMachO(byte[] b) {
        if (b.length < 8) {
            return false;
        }
        int magic = (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
        return switch (magic) {
            case 0xFEEDFACE, 0xFEEDFACF, 0xCEFAEDFE, 0xCFFAEDFE -> true;
            // A fat binary shares CAFEBABE with Java classes; its architecture count is small where a
            // class file has its version (45 or more).
            case 0xCAFEBABE -> {
                int count = (b[4] & 0xFF) << 24 | (b[5] & 0xFF) << 16 | (b[6] & 0xFF) << 8 | (b[7] & 0xFF);
                yield count > 0 && count < 30;
            }
            default -> false;
        };
    }

    private static boolean hasPdfHeader(byte[] b) {
        int last = Math.min(b.length, PDF_HEADER_WINDOW) - PDF_HEADER.length;
        for (int i = 0; i <= last; i++) {
            if (startsWith(b, i, PDF_HEADER)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] b, int offset, int... expected) {
        if (offset < 0 || b.length - offset < expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[offset + i] & 0xFF) != (expected[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] b, int offset, byte[] expected) {
        if (offset < 0 || b.length - offset < expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (b[offset + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
