package org.c4tap.core.outlook;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Recovers the original HTML from RTF that encapsulates it ({@code \fromhtml1}, [MS-OXRTFEX]
 * 2.1.3 and 2.2.3): the markup kept in {@code {\*\htmltag …}} groups, and the text between them
 * that is not marked {@code \htmlrtf} as the RTF rendering's own. One pass over the bytes, with
 * the group state on a heap stack; text bytes are decoded in the code page of the current font,
 * else the document's ({@code \ansicpg}).
 */
final class EncapsulatedHtml {

    /** What a group holds, fixed by its first control word. */
    private enum Destination { BODY, HTML_TAG, FONT_TABLE, SKIPPED }

    private record GroupState(Destination destination, boolean rtfOnly, int font, int unicodeFallback) {

        GroupState with(Destination newDestination) {
            return new GroupState(newDestination, rtfOnly, font, unicodeFallback);
        }

        GroupState withRtfOnly(boolean on) {
            return new GroupState(destination, on, font, unicodeFallback);
        }

        GroupState withFont(int newFont) {
            return new GroupState(destination, rtfOnly, newFont, unicodeFallback);
        }

        GroupState withUnicodeFallback(int count) {
            return new GroupState(destination, rtfOnly, font, count);
        }
    }

    /**
     * The HTML, empty when the RTF does not encapsulate HTML.
     *
     * @param cut whether the HTML was cut at the character limit
     */
    record Extraction(Optional<String> html, boolean cut) {
    }

    private static final Set<String> SKIPPED_DESTINATIONS = Set.of(
            "colortbl", "stylesheet", "info", "pict", "object", "header", "headerl", "headerr", "headerf",
            "footer", "footerl", "footerr", "footerf", "listtable", "listoverridetable", "revtbl", "rsidtbl",
            "generator", "xmlnstbl", "themedata", "colorschememapping", "latentstyles", "datastore", "filetbl",
            "pntext", "fldinst", "bkmkstart", "bkmkend");
    /** How many tokens may precede {@code \fromhtml}: it belongs in the RTF header. */
    private static final int HEADER_TOKENS = 10;
    private static final int MAX_WORD = 32;
    private static final int MAX_PARAMETER_DIGITS = 10;
    private static final int DEFAULT_CODEPAGE = 1252;

    private final byte[] rtf;
    private final int maxChars;
    private final StringBuilder html = new StringBuilder();
    private final ByteArrayOutputStream pendingBytes = new ByteArrayOutputStream();
    private final Deque<GroupState> enclosing = new ArrayDeque<>();
    private final Map<Integer, Integer> fontCodepages = new HashMap<>();
    private final Map<Integer, Charset> charsets = new HashMap<>();
    private GroupState state = new GroupState(Destination.BODY, false, -1, 1);
    private int position;
    private int tokens;
    private boolean fromHtml;
    private boolean groupStart;
    private boolean ignorableDestination;
    private int fallbackToSkip;
    private int definedFont = -1;
    private int documentCodepage = DEFAULT_CODEPAGE;
    private Charset pendingCharset;
    private boolean cut;

    private EncapsulatedHtml(byte[] rtf, int maxChars) {
        this.rtf = rtf;
        this.maxChars = maxChars;
    }

    static Extraction extract(byte[] rtf, int maxChars) {
        return new EncapsulatedHtml(rtf, maxChars).run();
    }

    private Extraction run() {
        while (position < rtf.length && !cut) {
            int c = rtf[position++] & 0xFF;
            if (!fromHtml && ++tokens > HEADER_TOKENS) {
                return new Extraction(Optional.empty(), false);
            }
            switch (c) {
                case '{' -> openGroup();
                case '}' -> closeGroup();
                case '\\' -> controlSequence();
                case '\r', '\n' -> { }
                default -> textByte(c);
            }
        }
        flush();
        return fromHtml ? new Extraction(Optional.of(html.toString()), cut) : new Extraction(Optional.empty(), false);
    }

    private void openGroup() {
        flush();
        enclosing.push(state);
        groupStart = true;
        ignorableDestination = false;
        fallbackToSkip = 0;
    }

    private void closeGroup() {
        flush();
        if (!enclosing.isEmpty()) {
            state = enclosing.pop();
        }
        groupStart = false;
        ignorableDestination = false;
        fallbackToSkip = 0;
    }

    private void controlSequence() {
        if (position >= rtf.length) {
            return;
        }
        int c = rtf[position] & 0xFF;
        if (isLetter(c)) {
            controlWord();
            return;
        }
        position++;
        switch (c) {
            case '\'' -> hexEscape();
            case '*' -> ignorableDestination = true;
            case '{', '}', '\\' -> text(String.valueOf((char) c));
            case '~' -> text("\u00A0");
            case '_' -> text("\u2011");
            case '\r', '\n' -> text("\r\n");
            default -> { }
        }
    }

    private void controlWord() {
        int start = position;
        while (position < rtf.length && position - start < MAX_WORD && isLetter(rtf[position] & 0xFF)) {
            position++;
        }
        String word = new String(rtf, start, position - start, StandardCharsets.US_ASCII);
        Integer parameter = parameter();
        if (position < rtf.length && rtf[position] == ' ') {
            position++;
        }
        if (word.equals("bin")) {
            // Raw bytes follow, in any destination; they must not be read as RTF.
            position += Math.min(Math.max(0, parameter == null ? 0 : parameter), rtf.length - position);
            return;
        }
        if (groupStart) {
            groupStart = false;
            if (startsDestination(word)) {
                return;
            }
        }
        switch (state.destination()) {
            case SKIPPED -> { }
            case FONT_TABLE -> fontTableWord(word, parameter);
            case BODY, HTML_TAG -> contentWord(word, parameter);
        }
    }

    /** Sets the destination of a group from its first control word; true when the word is spent. */
    private boolean startsDestination(String word) {
        boolean ignorable = ignorableDestination;
        ignorableDestination = false;
        if (state.destination() == Destination.HTML_TAG || state.destination() == Destination.SKIPPED) {
            return false;
        }
        if (ignorable && word.equals("htmltag")) {
            flush();
            state = state.with(Destination.HTML_TAG);
            return true;
        }
        if (ignorable || SKIPPED_DESTINATIONS.contains(word)) {
            flush();
            state = state.with(Destination.SKIPPED);
            return true;
        }
        if (word.equals("fonttbl")) {
            state = state.with(Destination.FONT_TABLE);
            return true;
        }
        return false;
    }

    private void fontTableWord(String word, Integer parameter) {
        if (parameter == null) {
            return;
        }
        switch (word) {
            case "f" -> definedFont = parameter;
            case "fcharset" -> fontCharsetCodepage(parameter).ifPresent(codepage -> fontCodepages.putIfAbsent(definedFont, codepage));
            case "cpg" -> fontCodepages.put(definedFont, parameter);
            default -> { }
        }
    }

    private void contentWord(String word, Integer parameter) {
        switch (word) {
            case "fromhtml" -> fromHtml = true;
            case "ansicpg" -> documentCodepage = parameter == null ? DEFAULT_CODEPAGE : parameter;
            case "htmlrtf" -> {
                flush();
                state = state.withRtfOnly(parameter == null || parameter != 0);
            }
            case "f" -> {
                flush();
                state = state.withFont(parameter == null ? -1 : parameter);
            }
            case "uc" -> state = state.withUnicodeFallback(parameter == null ? 1 : Math.max(0, parameter));
            case "u" -> unicode(parameter);
            case "par", "line" -> text("\r\n");
            case "tab" -> text("\t");
            case "lquote" -> text("\u2018");
            case "rquote" -> text("\u2019");
            case "ldblquote" -> text("\u201C");
            case "rdblquote" -> text("\u201D");
            case "bullet" -> text("\u2022");
            case "endash" -> text("\u2013");
            case "emdash" -> text("\u2014");
            default -> { }
        }
    }

    private Integer parameter() {
        int start = position;
        if (position < rtf.length && rtf[position] == '-') {
            position++;
        }
        int digitsStart = position;
        while (position < rtf.length && position - digitsStart < MAX_PARAMETER_DIGITS
                && rtf[position] >= '0' && rtf[position] <= '9') {
            position++;
        }
        if (position == digitsStart) {
            position = start;
            return null;
        }
        long value = Long.parseLong(new String(rtf, start, position - start, StandardCharsets.US_ASCII));
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    private void hexEscape() {
        if (position + 2 > rtf.length) {
            position = rtf.length;
            return;
        }
        int high = Character.digit(rtf[position], 16);
        int low = Character.digit(rtf[position + 1], 16);
        position += 2;
        if (high >= 0 && low >= 0) {
            textByte(high << 4 | low);
        }
    }

    private void unicode(Integer parameter) {
        if (parameter == null) {
            return;
        }
        // \\u takes a signed 16-bit value; then come the fallback characters for older readers.
        text(String.valueOf((char) (parameter & 0xFFFF)));
        fallbackToSkip = state.unicodeFallback();
    }

    private void textByte(int b) {
        if (fallbackToSkip > 0) {
            fallbackToSkip--;
            return;
        }
        groupStart = false;
        if (!emitting()) {
            return;
        }
        Charset charset = currentCharset();
        if (pendingCharset != null && !pendingCharset.equals(charset)) {
            flush();
        }
        pendingCharset = charset;
        pendingBytes.write(b);
    }

    private void text(String value) {
        groupStart = false;
        if (emitting()) {
            flush();
            append(value);
        }
    }

    private boolean emitting() {
        return fromHtml && !state.rtfOnly()
                && (state.destination() == Destination.BODY || state.destination() == Destination.HTML_TAG);
    }

    private void flush() {
        if (pendingBytes.size() > 0) {
            append(new String(pendingBytes.toByteArray(), pendingCharset));
            pendingBytes.reset();
        }
        pendingCharset = null;
    }

    private void append(String value) {
        int room = maxChars - html.length();
        if (value.length() > room) {
            html.append(value, 0, Math.max(0, room));
            cut = true;
        } else {
            html.append(value);
        }
    }

    /**
     * Markup inside htmltag groups is in the document code page; text outside them is in the code
     * page of the current font, which may differ (a Japanese font in a Western document).
     */
    private Charset currentCharset() {
        int codepage = documentCodepage;
        if (state.destination() == Destination.BODY && fontCodepages.containsKey(state.font())) {
            codepage = fontCodepages.get(state.font());
        }
        return charsets.computeIfAbsent(codepage, number -> WindowsCodepage.charset(number)
                .or(() -> WindowsCodepage.charset(DEFAULT_CODEPAGE))
                .orElseThrow());
    }

    /** The code page of an RTF {@code \fcharset} ([MSFT-RTF]); empty for the document default. */
    private static Optional<Integer> fontCharsetCodepage(int charset) {
        return Optional.ofNullable(switch (charset) {
            case 0 -> 1252;
            case 77 -> 10000;
            case 128 -> 932;
            case 129 -> 949;
            case 130 -> 1361;
            case 134 -> 936;
            case 136 -> 950;
            case 161 -> 1253;
            case 162 -> 1254;
            case 163 -> 1258;
            case 177 -> 1255;
            case 178 -> 1256;
            case 186 -> 1257;
            case 204 -> 1251;
            case 222 -> 874;
            case 238 -> 1250;
            default -> null;
        });
    }

    private static boolean isLetter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
