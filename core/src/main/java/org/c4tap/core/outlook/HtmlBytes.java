package org.c4tap.core.outlook;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTML body Outlook stored as bytes, turned into text: in the code page Outlook recorded for it,
 * else the charset the document declares, else UTF-8.
 */
final class HtmlBytes {

    /** A meta charset sits in the head; the first bytes are searched, as browsers do. */
    private static final int SNIFFED_BYTES = 4096;
    private static final Pattern DECLARED = Pattern.compile("(?i)charset\\s*=\\s*[\"']?([a-z0-9._:-]{1,40})");

    private HtmlBytes() {
    }

    static String decode(byte[] html, Optional<Charset> recorded) {
        Charset charset = recorded.or(() -> declared(html)).orElse(StandardCharsets.UTF_8);
        int end = html.length;
        while (end > 0 && html[end - 1] == 0) {
            end--;
        }
        return new String(html, 0, end, charset);
    }

    private static Optional<Charset> declared(byte[] html) {
        Matcher matcher = DECLARED.matcher(new String(html, 0, Math.min(html.length, SNIFFED_BYTES), StandardCharsets.ISO_8859_1));
        if (!matcher.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Charset.forName(matcher.group(1)));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
            return Optional.empty();
        }
    }
}
