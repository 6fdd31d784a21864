package org.c4tap.core.outlook;

import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Map;
import java.util.Optional;
import org.apache.poi.util.CodePageUtil;

/** The Java charset for a Windows code page number, as Outlook records them for 8-bit text. */
final class WindowsCodepage {

    /*
     * POI maps 932 to plain Shift_JIS and 50220 to plain ISO-2022-JP, which lack the Microsoft
     * extensions (such as circled digits and ㈱) that Japanese mail uses every day.
     */
    private static final Map<Integer, String> OVERRIDES = Map.of(
            932, "windows-31j",
            50220, "x-windows-50220",
            50221, "x-windows-50221",
            950, "x-windows-950",
            874, "x-windows-874");

    private WindowsCodepage() {
    }

    static Optional<Charset> charset(long codepage) {
        if (codepage <= 0 || codepage > 65535) {
            return Optional.empty();
        }
        int number = (int) codepage;
        try {
            String name = OVERRIDES.containsKey(number) ? OVERRIDES.get(number) : CodePageUtil.codepageToEncoding(number);
            return Optional.of(Charset.forName(name));
        } catch (UnsupportedEncodingException | IllegalCharsetNameException | UnsupportedCharsetException unknown) {
            return Optional.empty();
        }
    }
}
