package org.c4tap.core.message;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import java.util.ArrayList;
import java.util.List;
import org.c4tap.core.text.EncodedWords;

/**
 * Reads header fields as Unicode text, leniently: encoded words (split or not), raw 8-bit text,
 * broken addresses. A field that cannot be decoded is returned as it arrived rather than dropped,
 * and nothing here throws on bad mail. Control characters (NUL included) are removed from the
 * decoded text, since they only ever serve to confuse a reader.
 */
public final class HeaderText {

    private HeaderText() {
    }

    /** The first occurrence of the field, decoded and unfolded; the empty string when absent. */
    public static String first(Part part, String name) {
        String raw = raw(part, name);
        return raw == null ? "" : decode(raw);
    }

    /** Every occurrence of the field, raw (as received, unfolded). */
    public static List<String> all(Part part, String name) {
        List<String> values = new ArrayList<>();
        try {
            String[] found = part.getHeader(name);
            if (found != null) {
                for (String value : found) {
                    values.add(unfold(value));
                }
            }
        } catch (MessagingException | RuntimeException e) {
            // an unreadable header yields no values; the caller records what it could read
        }
        return values;
    }

    /** Every mailbox of every occurrence of the field. */
    public static List<Mailbox> mailboxes(Part part, String name) {
        List<Mailbox> result = new ArrayList<>();
        for (String value : all(part, name)) {
            result.addAll(Mailbox.parseList(value));
        }
        return result;
    }

    /** Every mailbox of every occurrence, rendered as "Name &lt;address&gt;". */
    public static List<String> addresses(Part part, String name) {
        return mailboxes(part, name).stream().map(mailbox -> withoutControls(mailbox.render())).toList();
    }

    public static String decode(String raw) {
        return withoutControls(EncodedWords.decodeText(unfold(raw)).strip());
    }

    private static String raw(Part part, String name) {
        List<String> values = all(part, name);
        return values.isEmpty() ? null : values.get(0);
    }

    static String unfold(String raw) {
        return raw.replaceAll("\\r?\\n(?=[ \\t])", "").replaceAll("[\\r\\n]", "");
    }

    static String withoutControls(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && c != '\t') || c == 0x7F;
            if (control && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (!control && out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
