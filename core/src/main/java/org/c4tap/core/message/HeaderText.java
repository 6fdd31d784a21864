package org.c4tap.core.message;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads header fields as Unicode text, leniently: a field that cannot be decoded is returned as it
 * stands rather than dropped, and nothing here throws on bad mail.
 */
public final class HeaderText {

    private static final int MAX_FIELD_CHARS = 16 * 1024;

    private HeaderText() {
    }

    /** The first occurrence of the field, decoded and unfolded; the empty string when absent. */
    public static String first(Part part, String name) {
        try {
            String[] values = part.getHeader(name);
            return values == null || values.length == 0 ? "" : decode(values[0]);
        } catch (MessagingException e) {
            return "";
        }
    }

    /** Every address of every occurrence of the field, as Unicode strings. */
    public static List<String> addresses(Part part, String name) {
        List<String> result = new ArrayList<>();
        try {
            String[] values = part.getHeader(name);
            if (values == null) {
                return result;
            }
            for (String value : values) {
                result.addAll(addresses(value));
            }
        } catch (MessagingException e) {
            // an unreadable header yields no addresses; the caller records what it could read
        }
        return result;
    }

    static List<String> addresses(String raw) {
        List<String> result = new ArrayList<>();
        String unfolded = unfold(raw);
        try {
            for (InternetAddress address : InternetAddress.parseHeader(unfolded, false)) {
                result.add(address.toUnicodeString());
            }
        } catch (AddressException e) {
            String decoded = decode(unfolded);
            if (!decoded.isBlank()) {
                result.add(decoded);
            }
        }
        return result;
    }

    /** Decodes RFC 2047 encoded words and unfolds; leaves undecodable text as it is. */
    public static String decode(String raw) {
        if (raw == null) {
            return "";
        }
        String unfolded = unfold(raw);
        if (unfolded.length() > MAX_FIELD_CHARS) {
            unfolded = unfolded.substring(0, MAX_FIELD_CHARS);
        }
        try {
            return MimeUtility.decodeText(unfolded);
        } catch (UnsupportedEncodingException | RuntimeException e) {
            return unfolded;
        }
    }

    private static String unfold(String raw) {
        return raw.replaceAll("\\r?\\n[ \\t]+", " ").replaceAll("[\\r\\n]", "").strip();
    }
}
