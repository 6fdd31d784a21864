package org.c4tap.it.interop;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.c4tap.core.message.MimeParts;

/** Messages and MIME entities as the bytes that travel, and back. */
final class Wire {

    private Wire() {
    }

    static byte[] bytes(MimePart part) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part.writeTo(out);
        return out.toByteArray();
    }

    static MimeMessage message(byte[] bytes) throws MessagingException {
        return new MimeMessage(MimeParts.session(), new ByteArrayInputStream(bytes));
    }

    /** Whether every LF is preceded by CR, i.e. the bytes are already in canonical (RFC 5751 3.1.1) form. */
    static boolean canonical(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r')) {
                return false;
            }
        }
        return true;
    }

    /** The header section of a message: everything before the first empty line. */
    static String headerSection(byte[] message) {
        String text = new String(message, java.nio.charset.StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            end = text.indexOf("\n\n");
        }
        return end < 0 ? text : text.substring(0, end);
    }

    /** Every index at which {@code needle} occurs in {@code haystack}. */
    static java.util.List<Integer> occurrences(byte[] haystack, byte[] needle) {
        java.util.List<Integer> found = new java.util.ArrayList<>();
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                found.add(i);
            }
        }
        return found;
    }

    /** The index of the only occurrence of {@code needle} in {@code haystack}; fails when there is none or more. */
    static int indexOfOnly(byte[] haystack, byte[] needle) {
        java.util.List<Integer> found = occurrences(haystack, needle);
        if (found.size() != 1) {
            throw new AssertionError("the byte sequence occurs " + found.size() + " times, not once");
        }
        return found.get(0);
    }
}
