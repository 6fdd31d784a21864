package org.c4tap.core.inspection;

import java.nio.charset.StandardCharsets;

/**
 * Finds embedded OLE objects in RTF, the usual carrier of Equation Editor and other Office
 * exploits, by their control words.
 */
final class RtfObjects {

    private static final int LONGEST_WORD = 32;

    private RtfObjects() {
    }

    static boolean embedsObject(byte[] rtf) {
        for (int i = 0; i < rtf.length; i++) {
            if (rtf[i] != '\\') {
                continue;
            }
            int j = i + 1;
            while (j < rtf.length && j - i <= LONGEST_WORD && isLetter(rtf[j])) {
                j++;
            }
            String word = new String(rtf, i + 1, j - i - 1, StandardCharsets.US_ASCII);
            if (word.equals("object") || word.equals("objdata") || word.equals("objemb")) {
                return true;
            }
            i = j - 1;
        }
        return false;
    }

    private static boolean isLetter(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    }
}
