package org.c4tap.core.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.c4tap.core.text.EncodedWords;

/**
 * A mailbox from an address header, read leniently: old Japanese mobile-carrier addresses such as
 * {@code a..b@docomo.ne.jp} or {@code x.@ezweb.ne.jp} break strict parsers but are real senders,
 * and a report must show them as they are.
 *
 * @param displayName the decoded display name, or the empty string
 * @param address     the address as written (case kept), or the empty string when there was none
 */
public record Mailbox(String displayName, String address) {

    private static final int MAX_MAILBOXES = 500;

    public Mailbox {
        displayName = displayName == null ? "" : displayName;
        address = address == null ? "" : address;
    }

    /** "Name &lt;address&gt;", or just the address. */
    public String render() {
        if (displayName.isEmpty()) {
            return address;
        }
        return address.isEmpty() ? displayName : displayName + " <" + address + ">";
    }

    public String domain() {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /** Every mailbox of an address field (groups flattened), in order. */
    public static List<Mailbox> parseList(String raw) {
        List<Mailbox> mailboxes = new ArrayList<>();
        if (raw == null) {
            return mailboxes;
        }
        String field = raw.replaceAll("\\r?\\n[ \\t]*", " ");
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        int angle = 0;
        int comment = 0;
        for (int i = 0; i < field.length() && mailboxes.size() < MAX_MAILBOXES; i++) {
            char c = field.charAt(i);
            if (c == '\\' && (quoted || comment > 0) && i + 1 < field.length()) {
                current.append(c).append(field.charAt(++i));
                continue;
            }
            if (c == '"' && comment == 0) {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                comment++;
            } else if (!quoted && c == ')' && comment > 0) {
                comment--;
            } else if (!quoted && comment == 0 && c == '<') {
                angle++;
            } else if (!quoted && comment == 0 && c == '>' && angle > 0) {
                angle--;
            } else if (!quoted && comment == 0 && angle == 0 && (c == ',' || c == ';')) {
                add(mailboxes, current.toString());
                current.setLength(0);
                continue;
            } else if (!quoted && comment == 0 && angle == 0 && c == ':' && current.indexOf("@") < 0) {
                current.setLength(0); // "group name:" introduces a group; its members follow
                continue;
            }
            current.append(c);
        }
        add(mailboxes, current.toString());
        return mailboxes;
    }

    private static void add(List<Mailbox> mailboxes, String entry) {
        String text = entry.strip();
        if (text.isEmpty()) {
            return;
        }
        int open = text.lastIndexOf('<');
        int close = text.lastIndexOf('>');
        if (open >= 0 && close > open) {
            String address = text.substring(open + 1, close).strip();
            if (address.startsWith("@") && address.contains(":")) {
                address = address.substring(address.indexOf(':') + 1); // obsolete source route
            }
            String display = unquote(text.substring(0, open).strip());
            mailboxes.add(new Mailbox(EncodedWords.decodeText(display), address));
            return;
        }
        String withoutComments = text.replaceAll("\\([^()]*\\)", " ").strip();
        if (withoutComments.contains("@")) {
            int commentStart = text.indexOf('(');
            int commentEnd = text.lastIndexOf(')');
            // a ')' before every '(' (as in "a) x@y (b") closes no comment
            String comment = commentStart >= 0 && commentEnd > commentStart
                    ? text.substring(commentStart + 1, commentEnd).strip() : "";
            String address = java.util.Arrays.stream(withoutComments.split("\\s+")).filter(word -> word.contains("@"))
                    .findFirst().orElseThrow();
            mailboxes.add(new Mailbox(EncodedWords.decodeText(unquote(comment)), address));
        } else {
            mailboxes.add(new Mailbox(EncodedWords.decodeText(unquote(text)), ""));
        }
    }

    private static String unquote(String text) {
        String trimmed = text.strip();
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        return trimmed;
    }
}
