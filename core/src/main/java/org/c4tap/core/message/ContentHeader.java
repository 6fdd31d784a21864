package org.c4tap.core.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.c4tap.core.text.EncodedWords;
import org.c4tap.core.text.TextDecoder;

/**
 * A Content-Type or Content-Disposition field read leniently: its value and its parameters, with
 * RFC 2231 continuations joined as bytes before their charset is applied (decoding each segment on
 * its own garbles ISO-2022-JP names), and RFC 2047 encoded words inside plain values decoded (not
 * allowed by the RFC, and what many mailers write for file names).
 *
 * @param value      the type or disposition, lower case
 * @param parameters decoded parameter values by lower-case name
 * @param problems   what was malformed, in a few words, never quoting the value
 */
public record ContentHeader(String value, Map<String, String> parameters, List<String> problems) {

    private static final int MAX_PARAMETERS = 64;
    private static final int MAX_SECTIONS = 128;

    public ContentHeader {
        parameters = Map.copyOf(parameters);
        problems = List.copyOf(problems);
    }

    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Whether the parameter was given more than once (the first is used). */
    public boolean repeated(String name) {
        return problems.contains(repeatedProblem(name.toLowerCase(Locale.ROOT)));
    }

    private static String repeatedProblem(String name) {
        return "parameter '" + name + "' given more than once; the first was used";
    }

    public static ContentHeader parse(String raw) {
        List<String> problems = new ArrayList<>();
        if (raw == null) {
            return new ContentHeader("", Map.of(), problems);
        }
        String field = raw.replaceAll("\\r?\\n[ \\t]*", " ").strip();
        int semicolon = indexOfUnquoted(field, ';', 0);
        String value = (semicolon < 0 ? field : field.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> extended = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, String[]>> sections = new LinkedHashMap<>();
        int position = semicolon < 0 ? field.length() : semicolon + 1;
        int count = 0;
        while (position < field.length()) {
            while (position < field.length() && (field.charAt(position) == ';' || Character.isWhitespace(field.charAt(position)))) {
                position++;
            }
            if (position >= field.length()) {
                break;
            }
            if (++count > MAX_PARAMETERS) {
                problems.add("more than " + MAX_PARAMETERS + " parameters; the rest was ignored");
                break;
            }
            int equals = field.indexOf('=', position);
            int next = indexOfUnquoted(field, ';', position);
            if (equals < 0 || (next >= 0 && next < equals)) {
                problems.add("a parameter without '='");
                position = next < 0 ? field.length() : next + 1;
                continue;
            }
            String name = field.substring(position, equals).strip().toLowerCase(Locale.ROOT);
            position = equals + 1;
            while (position < field.length() && Character.isWhitespace(field.charAt(position))) {
                position++;
            }
            String parameterValue;
            if (position < field.length() && field.charAt(position) == '"') {
                StringBuilder quoted = new StringBuilder();
                position++;
                boolean closed = false;
                while (position < field.length()) {
                    char c = field.charAt(position++);
                    if (c == '\\' && position < field.length()) {
                        quoted.append(field.charAt(position++));
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        quoted.append(c);
                    }
                }
                if (!closed) {
                    problems.add("an unterminated quoted parameter value");
                }
                parameterValue = quoted.toString();
            } else {
                int end = indexOfUnquoted(field, ';', position);
                parameterValue = (end < 0 ? field.substring(position) : field.substring(position, end)).strip();
                position = end < 0 ? field.length() : end;
            }
            collect(name, parameterValue, plain, extended, sections, problems);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        plain.forEach((name, text) -> parameters.put(name, EncodedWords.decodeText(text)));
        extended.forEach((name, text) -> parameters.put(name, extendedValue(text, problems)));
        sections.forEach((name, parts) -> parameters.put(name, joinSections(parts, problems)));
        return new ContentHeader(value, parameters, problems);
    }

    private static void collect(String name, String value, Map<String, String> plain, Map<String, String> extended,
                                Map<String, TreeMap<Integer, String[]>> sections, List<String> problems) {
        int star = name.indexOf('*');
        if (star < 0) {
            if (plain.putIfAbsent(name, value) != null && !problems.contains(repeatedProblem(name))) {
                problems.add(repeatedProblem(name));
            }
            return;
        }
        String base = name.substring(0, star);
        String rest = name.substring(star + 1);
        if (rest.isEmpty()) {
            extended.put(base, value);
            return;
        }
        boolean encoded = rest.endsWith("*");
        String number = encoded ? rest.substring(0, rest.length() - 1) : rest;
        try {
            int index = Integer.parseInt(number);
            TreeMap<Integer, String[]> parts = sections.computeIfAbsent(base, ignored -> new TreeMap<>());
            if (parts.size() < MAX_SECTIONS) {
                parts.put(index, new String[] {value, encoded ? "*" : ""});
            }
        } catch (NumberFormatException e) {
            problems.add("a malformed RFC 2231 parameter name");
        }
    }

    /** {@code charset'language'percent-encoded}, as in {@code filename*=UTF-8''%E8%AB%8B.zip}. */
    private static String extendedValue(String text, List<String> problems) {
        int first = text.indexOf('\'');
        int second = first < 0 ? -1 : text.indexOf('\'', first + 1);
        if (second < 0) {
            problems.add("an RFC 2231 value without charset and language");
            return EncodedWords.decodeText(text);
        }
        String charset = text.substring(0, first);
        return TextDecoder.decode(percentDecode(text.substring(second + 1)), charset).text();
    }

    private static String joinSections(TreeMap<Integer, String[]> parts, List<String> problems) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String charset = null;
        int expected = 0;
        for (Map.Entry<Integer, String[]> entry : parts.entrySet()) {
            if (entry.getKey() != expected) {
                problems.add("RFC 2231 continuation " + expected + " is missing");
            }
            expected = entry.getKey() + 1;
            String text = entry.getValue()[0];
            boolean encoded = !entry.getValue()[1].isEmpty();
            if (encoded && charset == null) {
                int first = text.indexOf('\'');
                int second = first < 0 ? -1 : text.indexOf('\'', first + 1);
                if (second >= 0) {
                    charset = text.substring(0, first);
                    text = text.substring(second + 1);
                }
            }
            bytes.writeBytes(encoded ? percentDecode(text) : text.getBytes(StandardCharsets.ISO_8859_1));
        }
        if (charset == null) {
            return EncodedWords.decodeText(bytes.toString(StandardCharsets.ISO_8859_1));
        }
        return TextDecoder.decode(bytes.toByteArray(), charset).text();
    }

    private static byte[] percentDecode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int high = i + 1 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
                if (high >= 0 && low >= 0) {
                    out.write(high * 16 + low);
                    i += 2;
                    continue;
                }
            }
            out.write(c & 0xFF);
        }
        return out.toByteArray();
    }

    private static int indexOfUnquoted(String text, char target, int from) {
        boolean quoted = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == target && !quoted) {
                return i;
            }
        }
        return -1;
    }
}
