package org.c4tap.it.interop;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** The DER inside an application/pkcs7-mime message: its base64 body, decoded. */
    static byte[] der(byte[] message) {
        String text = new String(message, StandardCharsets.US_ASCII);
        int body = text.indexOf("\r\n\r\n");
        if (body < 0) {
            throw new AssertionError("no header/body separator (CRLF CRLF) in the message");
        }
        return Base64.getMimeDecoder().decode(text.substring(body + 4));
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

    /**
     * A multipart/signed entity taken apart at the byte level: where its first part (the signed
     * content, exactly as the signature covers it) and the base64 body of its
     * application/pkcs7-signature part lie.
     */
    record SignedParts(byte[] entity, int contentStart, int contentEnd, int signatureStart, int signatureEnd) {

        static SignedParts of(byte[] multipartSigned) {
            String text = new String(multipartSigned, StandardCharsets.ISO_8859_1);
            String header = text.substring(0, text.indexOf("\r\n\r\n"));
            Matcher boundary = Pattern.compile("boundary=\"([^\"]+)\"").matcher(header);
            if (!header.toLowerCase(Locale.ROOT).startsWith("content-type: multipart/signed") || !boundary.find()) {
                throw new AssertionError("not a multipart/signed entity: " + header);
            }
            String delimiter = "\r\n--" + boundary.group(1);
            int contentStart = text.indexOf(delimiter.substring(2) + "\r\n") + delimiter.length();
            int contentEnd = text.indexOf(delimiter, contentStart);
            int signaturePart = text.indexOf(delimiter + "\r\n", contentEnd) + delimiter.length() + 2;
            int signatureStart = text.indexOf("\r\n\r\n", signaturePart) + 4;
            int signatureEnd = text.indexOf(delimiter + "--", signatureStart);
            if (!text.substring(signaturePart, signatureStart).toLowerCase(Locale.ROOT)
                    .contains("content-type: application/pkcs7-signature") || signatureEnd < 0) {
                throw new AssertionError("no application/pkcs7-signature second part");
            }
            return new SignedParts(multipartSigned, contentStart, contentEnd, signatureStart, signatureEnd);
        }

        /** The signed content: the first part, headers and body, without the CRLF before the next delimiter. */
        byte[] content() {
            return Arrays.copyOfRange(entity, contentStart, contentEnd);
        }

        /** The detached CMS SignedData, decoded from the signature part. */
        byte[] signature() {
            return Base64.getMimeDecoder().decode(Arrays.copyOfRange(entity, signatureStart, signatureEnd));
        }

        /** This entity with the base64 signature body of {@code other} in place of its own. */
        byte[] withSignatureOf(SignedParts other) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(entity, 0, signatureStart);
            out.write(other.entity(), other.signatureStart(), other.signatureEnd() - other.signatureStart());
            out.write(entity, signatureEnd, entity.length - signatureEnd);
            return out.toByteArray();
        }
    }

    /** Every index at which {@code needle} occurs in {@code haystack}. */
    static List<Integer> occurrences(byte[] haystack, byte[] needle) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                found.add(i);
            }
        }
        return found;
    }

    /** The index of the only occurrence of {@code needle} in {@code haystack}; fails when there is none or more. */
    static int indexOfOnly(byte[] haystack, byte[] needle) {
        List<Integer> found = occurrences(haystack, needle);
        if (found.size() != 1) {
            throw new AssertionError("the byte sequence occurs " + found.size() + " times, not once");
        }
        return found.get(0);
    }
}
