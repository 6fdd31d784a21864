package org.c4tap.core.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlExtractorTest {

    @Test
    void findsUrlsInTextWithoutTrailingPunctuationOrJapanese() {
        UrlExtractor extractor = new UrlExtractor()
                .addText("こちら http://evil.example/login?id=1。ご確認ください (https://cdn.evil.example/x.js).");
        assertThat(extractor.urls()).extracting(UrlIndicator::url)
                .containsExactly("http://evil.example/login?id=1", "https://cdn.evil.example/x.js");
        assertThat(extractor.domains()).containsExactly("evil.example", "cdn.evil.example");
    }

    @Test
    void findsHrefsInHtmlFlagsDeceptiveTextAndDropsDuplicates() {
        UrlExtractor extractor = new UrlExtractor()
                .addHtml("<a href=\"https://phish.example/a?x=1&amp;y=2\">https://bank.example/</a> <a href='https://phish.example/a?x=1&y=2'>x</a>"
                        + " <a href=\"https://www.shop.example/\">shop.example</a>");
        assertThat(extractor.urls()).extracting(UrlIndicator::url)
                .containsExactly("https://phish.example/a?x=1&y=2", "https://www.shop.example/");
        assertThat(extractor.urls().get(0).deceptive()).isTrue();
        assertThat(extractor.urls().get(0).text()).isEqualTo("https://bank.example/");
        assertThat(extractor.urls().get(1).deceptive()).isFalse();
    }

    @Test
    void refangsDefangedUrls() {
        UrlExtractor extractor = new UrlExtractor().addText("see hxxps://evil[.]example/a and h**p://x(.)example/");
        assertThat(extractor.urls()).extracting(UrlIndicator::url).containsExactly("https://evil.example/a", "http://x.example/");
        assertThat(extractor.urls()).allMatch(UrlIndicator::refanged);
    }

    @Test
    void hostsOfUnparsableUrlsAreReadLeniently() {
        assertThat(UrlExtractor.hostOf("http://user@Evil.Example:8080/a b")).isEqualTo("evil.example");
    }

    @Test
    void defangsForHumanText() {
        assertThat(Defang.url("https://evil.example/login")).isEqualTo("hxxps://evil[.]example/login");
        assertThat(Defang.url("http://1.2.3.4/a.b")).isEqualTo("hxxp://1[.]2[.]3[.]4/a.b");
    }

    /** The host pattern's repeated label group overflowed the stack on "a.a.a.…" in a link's visible text. */
    @Test
    void aLinkTextOfEndlessLabelsIsNoCrash() {
        assertThat(UrlExtractor.showsOtherHost("a.".repeat(200_000) + "com", "evil.example")).isTrue();
        assertThat(UrlExtractor.showsOtherHost("x".repeat(1_000_000), "evil.example")).isFalse();
    }
}
