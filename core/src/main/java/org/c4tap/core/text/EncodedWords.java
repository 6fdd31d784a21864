package org.c4tap.core.text;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes header text: RFC 2047 encoded words, and raw 8-bit bytes that arrived without any
 * encoding. Adjacent encoded words in one charset are joined as bytes before the charset is
 * applied, because mailers split words in the middle of a multi-byte character or of an
 * ISO-2022-JP escape sequence (forbidden by the RFC, and common). Nothing here throws; what could
 * not be decoded is kept as it arrived and reported.
 */
public final class EncodedWords {

    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?=");
    private static final int MAX_CHARS = 16 * 1024;

    private EncodedWords() {
    }

    /** The decoded text and what went wrong, if anything. */
    public record Result(String text, List<String> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    public static String decodeText(String raw) {
        return decode(raw).text();
    }

    public static Result decode(String raw) {
        if (raw == null || raw.isEmpty()) {
            return new Result("", List.of());
        }
        String value = raw.length() > MAX_CHARS ? raw.substring(0, MAX_CHARS) : raw;
        List<String> problems = new ArrayList<>();
        if (raw.length() > MAX_CHARS) {
            problems.add("header field longer than " + MAX_CHARS + " characters; the rest was not read");
        }
        StringBuilder out = new StringBuilder(value.length());
        Matcher matcher = WORD.matcher(value);
        int position = 0;
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        String pendingCharset = null;
        while (matcher.find()) {
            String between = value.substring(position, matcher.start());
            boolean adjacent = pendingCharset != null && between.isBlank();
            String charset = matcher.group(1);
            int star = charset.indexOf('*');
            if (star >= 0) {
                charset = charset.substring(0, star);
            }
            charset = charset.toLowerCase(Locale.ROOT);
            if (!adjacent || !charset.equals(pendingCharset)) {
                flush(out, pending, pendingCharset, problems);
                pendingCharset = null;
                if (!adjacent) {
                    out.append(raw8bit(between, problems));
                }
            }
            byte[] bytes = matcher.group(2).equalsIgnoreCase("b")
                    ? base64(matcher.group(3), problems)
                    : quotedPrintable(matcher.group(3));
            pending.writeBytes(bytes);
            pendingCharset = charset;
            position = matcher.end();
        }
        flush(out, pending, pendingCharset, problems);
        out.append(raw8bit(value.substring(position), problems));
        return new Result(JisVariants.fold(out.toString()), problems);
    }

    private static void flush(StringBuilder out, ByteArrayOutputStream pending, String charset, List<String> problems) {
        if (charset == null) {
            return;
        }
        DecodedText decoded = TextDecoder.decode(pending.toByteArray(), charset);
        decoded.mislabel().ifPresent(problem -> problems.add("encoded word " + problem));
        out.append(decoded.text());
        pending.reset();
    }

    /**
     * Header bytes above 0x7F, or ISO-2022-JP escape sequences, without an encoded word: the parser
     * handed them over as ISO-8859-1 characters, so they are turned back into bytes and decoded by
     * what they most likely are.
     */
    private static String raw8bit(String text, List<String> problems) {
        boolean eightBit = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0xFF) {
                return text;
            }
            if (c > 0x7F) {
                eightBit = true;
            }
        }
        boolean jisEscape = text.contains("\u001B$") || text.contains("\u001B(");
        if (!eightBit && !jisEscape) {
            return text;
        }
        DecodedText decoded = TextDecoder.decode(text.getBytes(StandardCharsets.ISO_8859_1), null);
        problems.add((eightBit ? "8-bit" : "ISO-2022-JP") + " header text without an encoding, read as " + decoded.charset());
        return decoded.text();
    }

    /** Base64 without failing: stray characters are skipped and missing padding is tolerated. */
    static byte[] base64(String text, List<String> problems) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 3 / 4);
        int buffer = 0;
        int bits = 0;
        boolean stray = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int value = base64Value(c);
            if (value < 0) {
                if (c != '=') {
                    stray = true;
                }
                continue;
            }
            buffer = (buffer << 6) | value;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out.write((buffer >> bits) & 0xFF);
            }
        }
        if (stray) {
            problems.add("encoded word with characters outside base64, skipped");
        }
        return out.toByteArray();
    }

    static int base64Value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '+' ? 62 : c == '/' ? 63 : -1;
    }

    /** RFC 2047 "Q": quoted-printable with '_' for space. A broken escape is kept literally. */
    static byte[] quotedPrintable(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                out.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 2;
            } else {
                out.write(c & 0xFF);
            }
        }
        return out.toByteArray();
    }

    static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }
}
