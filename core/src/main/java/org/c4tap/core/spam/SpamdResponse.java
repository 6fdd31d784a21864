package org.c4tap.core.spam;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * spamd's answer as the protocol frames it: a status line {@code SPAMD/1.1 0 EX_OK}, headers, a
 * blank line and a body. Parsing is strict, so that garbage is told apart from an answer.
 *
 * @param code    the sysexits code from the status line; 0 is success
 * @param text    the status line's text after the code, such as {@code EX_OK} or {@code PONG}
 * @param headers header values by lower-case name
 * @param body    the body, as bytes are characters (ISO-8859-1), empty when there is none
 */
record SpamdResponse(int code, String text, Map<String, String> headers, String body) {

    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};
    private static final Pattern STATUS_LINE = Pattern.compile("SPAMD/\\d{1,3}\\.\\d{1,3} (\\d{1,3})(?: ([\\x20-\\x7e]*))?");
    private static final Pattern HEADER_LINE = Pattern.compile("([A-Za-z][A-Za-z0-9-]{0,63}):[ \\t]*([\\x20-\\x7e]*?)[ \\t]*");
    private static final Pattern CONTENT_LENGTH = Pattern.compile("\\d{1,9}");
    private static final String CONTENT_LENGTH_HEADER = "content-length";

    SpamdResponse {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The code with its sysexits name, such as {@code 76 (EX_PROTOCOL)}, for a reason that quotes nothing spamd wrote. */
    String codeName() {
        String name = switch (code) {
            case 0 -> "EX_OK";
            case 64 -> "EX_USAGE";
            case 65 -> "EX_DATAERR";
            case 66 -> "EX_NOINPUT";
            case 67 -> "EX_NOUSER";
            case 68 -> "EX_NOHOST";
            case 69 -> "EX_UNAVAILABLE";
            case 70 -> "EX_SOFTWARE";
            case 71 -> "EX_OSERR";
            case 72 -> "EX_OSFILE";
            case 73 -> "EX_CANTCREAT";
            case 74 -> "EX_IOERR";
            case 75 -> "EX_TEMPFAIL";
            case 76 -> "EX_PROTOCOL";
            case 77 -> "EX_NOPERM";
            case 78 -> "EX_CONFIG";
            default -> "unknown";
        };
        return code + " (" + name + ")";
    }

    static SpamdResponse parse(byte[] bytes) throws SpamdFailure {
        String all = new String(bytes, StandardCharsets.ISO_8859_1);
        int statusEnd = all.indexOf("\r\n");
        if (statusEnd < 0) {
            throw new SpamdFailure(all.isEmpty() ? "spamd closed without answering" : "answer has no complete status line");
        }
        Matcher status = STATUS_LINE.matcher(all.substring(0, statusEnd));
        if (!status.matches()) {
            throw new SpamdFailure("answer is not a spamd status line");
        }
        int code = Integer.parseInt(status.group(1));
        String text = status.group(2) == null ? "" : status.group(2);
        int cursor = statusEnd + 2;
        if (code != 0 || cursor == all.length()) {
            // spamd closes after the status line when it fails, and PONG has nothing after it.
            return new SpamdResponse(code, text, Map.of(), "");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        while (true) {
            int lineEnd = all.indexOf("\r\n", cursor);
            if (lineEnd < 0) {
                throw new SpamdFailure("answer ended within its headers");
            }
            String line = all.substring(cursor, lineEnd);
            cursor = lineEnd + 2;
            if (line.isEmpty()) {
                break;
            }
            Matcher header = HEADER_LINE.matcher(line);
            if (!header.matches()) {
                throw new SpamdFailure("answer has a malformed header line");
            }
            if (headers.putIfAbsent(header.group(1).toLowerCase(Locale.ROOT), header.group(2)) != null) {
                throw new SpamdFailure("answer repeats a header");
            }
        }
        String body = all.substring(cursor);
        String contentLength = headers.get(CONTENT_LENGTH_HEADER);
        if (contentLength != null) {
            if (!CONTENT_LENGTH.matcher(contentLength).matches()) {
                throw new SpamdFailure("answer has a malformed Content-length");
            }
            int announced = Integer.parseInt(contentLength);
            if (body.length() < announced) {
                throw new SpamdFailure("answer ended after " + body.length() + " of " + announced + " announced body bytes");
            }
            if (body.length() > announced) {
                throw new SpamdFailure("answer has bytes beyond its Content-length");
            }
        }
        return new SpamdResponse(code, text, headers, body);
    }

    /** Where the headers of a partly read answer end, searching from {@code from}; -1 while they have not ended. */
    static int headerEnd(byte[] bytes, int from, int length) {
        for (int i = Math.max(0, from); i + HEADER_END.length <= length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                return i + HEADER_END.length;
            }
        }
        return -1;
    }

    /**
     * The length of the whole answer once its headers are in and announce their body, so that
     * reading can stop without waiting for spamd to close; -1 when they announce none.
     */
    static int announcedLength(byte[] bytes, int headerEnd) {
        String head = new String(bytes, 0, headerEnd, StandardCharsets.ISO_8859_1);
        for (String line : head.split("\r\n")) {
            Matcher header = HEADER_LINE.matcher(line);
            if (header.matches() && header.group(1).equalsIgnoreCase(CONTENT_LENGTH_HEADER)
                    && CONTENT_LENGTH.matcher(header.group(2)).matches()) {
                return headerEnd + Integer.parseInt(header.group(2));
            }
        }
        return -1;
    }
}
