package org.c4tap.core.message;

/**
 * Makes the bytes of a saved message (an .eml file, an attached message) parseable the same way
 * whatever saved it: a UTF-8 byte-order mark before the first header is removed, and bare LF line
 * ends become CRLF, as RFC 5322 requires and MIME boundaries expect.
 */
public final class MessageBytes {

    private MessageBytes() {
    }

    public static byte[] normalise(byte[] bytes) {
        int start = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            start = 3;
        }
        int bareLf = 0;
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] == '\n' && (i == start || bytes[i - 1] != '\r')) {
                bareLf++;
            }
        }
        if (start == 0 && bareLf == 0) {
            return bytes;
        }
        byte[] out = new byte[bytes.length - start + bareLf];
        int j = 0;
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] == '\n' && (i == start || bytes[i - 1] != '\r')) {
                out[j++] = '\r';
            }
            out[j++] = bytes[i];
        }
        return out;
    }

    /** Whether the bytes look like the start of a message: a header field on the first line. */
    public static boolean looksLikeMessage(byte[] bytes) {
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        int i = start;
        while (i < bytes.length && i - start < 80) {
            byte b = bytes[i];
            if (b == ':') {
                return i > start;
            }
            if (b <= ' ' || b >= 127) {
                return false;
            }
            i++;
        }
        return false;
    }
}
