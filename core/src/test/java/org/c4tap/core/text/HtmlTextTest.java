package org.c4tap.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class HtmlTextTest {

    @Test
    void rendersTextBlocksAndLinksWithoutHiddenElements() {
        HtmlText.Rendering rendering = HtmlText.render("<HTML><HEAD><TITLE>t</TITLE><style>p{}</style ></HEAD><body>"
                + "<!-- note --><p>Hello&nbsp;&amp; <a HREF='https://evil.example/x?a=1&amp;b=2' title=\"a>b\">log in</a></p>"
                + "<SCRIPT type=x>alert(1)</script><table><tr><td>1</td><td>2</td></tr></table></body></html>");

        assertThat(rendering.text()).isEqualTo("\nHello & log in\n\n 1 2\n\n");
        assertThat(rendering.links()).containsExactly(new HtmlText.Link("https://evil.example/x?a=1&b=2", "log in", 11));
    }

    @Test
    void unclosedTagsCommentsAndScriptsStayText() {
        assertThat(HtmlText.render("a <b x=\"unclosed>c").text()).isEqualTo("a <b x=\"unclosed>c");
        assertThat(HtmlText.render("a <!-- b").text()).isEqualTo("a <!-- b");
        assertThat(HtmlText.render("a <script>b").text()).isEqualTo("a b");
        assertThat(HtmlText.render("a <scripts>b</scripts> <a_b> c").text()).isEqualTo("a b <a_b> c");
    }

    /**
     * Found by SubmissionFuzzTest: the tag regex recursed once per character outside quotes, so a
     * tag of some thousands of such characters overflowed a mail server thread's stack.
     */
    @Test
    void longTagsRender() {
        String html = "<div data-x=" + "y".repeat(200_000) + " style=\"" + "x:y;".repeat(250_000) + "\" class='c'>text</div>";
        assertThat(HtmlText.render(html).text()).isEqualTo("\ntext\n");
    }

    /** Each unclosed script or comment no longer sends a search to the end of the body again: linear, not quadratic. */
    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void aMillionCharactersOfUnclosedScriptsAndCommentsRenderInLinearTime() {
        String html = "<script>".repeat(60_000) + "<!--".repeat(60_000) + "<a href=x".repeat(30_000);
        String text = HtmlText.render(html).text();
        // the script tags are tags (without text); the comments never close, nor does the last tag
        assertThat(text.length()).isEqualTo(4 * 60_000 + 9 * 30_000);
        assertThat(text.startsWith("<!--<!--") && text.endsWith("<a href=x<a href=x")).isTrue();
    }
}
