package org.c4tap.core.outlook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EncapsulatedHtmlTest {

    private static EncapsulatedHtml.Extraction extract(String rtf, int maxChars) {
        return EncapsulatedHtml.extract(rtf.getBytes(StandardCharsets.ISO_8859_1), maxChars);
    }

    private static Optional<String> html(String rtf) {
        return extract(rtf, 1000).html();
    }

    @Test
    void rtfWithoutFromHtmlInItsHeaderEncapsulatesNothing() {
        assertThat(html("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Arial;}}\\f0 text {\\*\\htmltag0 <p>}\\fromhtml1}"))
                .isEmpty();
    }

    @Test
    void rtfOnlyRegionsAreScopedByGroups() {
        assertThat(html("{\\rtf1\\ansi\\fromhtml1 \\htmlrtf {\\htmlrtf0 a}b\\htmlrtf0 c}")).contains("ac");
    }

    @Test
    void binaryDataIsSkippedWhateverBytesItHolds() {
        assertThat(html("{\\rtf1\\ansi\\fromhtml1 {\\*\\htmltag0 <p>}{\\pict\\bin5 {}}}x}{\\*\\htmltag0 </p>}}"))
                .contains("<p></p>");
    }

    @Test
    void unicodeEscapesSkipTheirFallbackCharacters() {
        assertThat(html("{\\rtf1\\ansi\\fromhtml1 \\uc2\\u12354\\'82\\'a0x{\\uc0\\u-3 y}\\u12356??z}"))
                .contains("\u3042x\ufffdy\u3044z");
    }

    @Test
    void markupIsInTheDocumentCodepageAndTextInTheFontCodepage() {
        assertThat(html("{\\rtf1\\ansi\\ansicpg1252\\fromhtml1 {\\fonttbl{\\f1\\fcharset128 MS Gothic;}}\\f1 "
                + "{\\*\\htmltag0 <p title=\"\\'e9\">}\\'82\\'a0{\\*\\htmltag0 </p>}}"))
                .contains("<p title=\"\u00e9\">\u3042</p>");
    }

    @Test
    void escapesAndSpecialCharactersBecomeTheirCharacters() {
        assertThat(html("{\\rtf1\\ansi\\fromhtml1 {\\*\\htmltag0 <pre>}a\\{b\\}c\\\\d\\tab e\\par f\\~g\\lquote h\\rquote "
                + "{\\*\\htmltag0 </pre>}}"))
                .contains("<pre>a{b}c\\d\te\r\nf\u00a0g\u2018h\u2019</pre>");
    }

    @Test
    void otherDestinationsAreSkippedOutsideHtmlTagsButNotInside() {
        assertThat(html("{\\rtf1\\ansi\\fromhtml1 {\\colortbl\\red0;}{\\*\\generator Word;}{\\*\\mhtmltag0 <x>}"
                + "{\\*\\htmltag0 <p{\\*\\inner  title=x}>}}"))
                .contains("<p title=x>");
    }

    @Test
    void theHtmlIsCutAtTheCharacterLimit() {
        assertThat(extract("{\\rtf1\\ansi\\fromhtml1 {\\*\\htmltag0 <p>}abcdefgh{\\*\\htmltag0 </p>}}", 6))
                .isEqualTo(new EncapsulatedHtml.Extraction(Optional.of("<p>abc"), true));
    }
}
