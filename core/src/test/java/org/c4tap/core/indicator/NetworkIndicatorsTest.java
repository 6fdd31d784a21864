package org.c4tap.core.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NetworkIndicatorsTest {

    @Test
    void addressesInTextAreFoundWithTheirWholeDomain() {
        assertThat(new NetworkIndicators().add("write to keiri@mail.invoice-check.example.co.jp today").emails())
                .containsExactly("keiri@mail.invoice-check.example.co.jp");
    }

    /**
     * The domain's repeated group recursed once per label: "x@a.a.a.…" with 200,000 labels
     * overflowed the stack. A domain has at most 127 labels, so nothing longer is an address.
     */
    @Test
    void aDomainOfMoreLabelsThanDnsAllowsIsNoAddressAndNoCrash() {
        assertThat(new NetworkIndicators().add("x@" + "a.".repeat(200_000) + "com").emails()).isEmpty();
        assertThat(new NetworkIndicators().add("x@" + "a.".repeat(120) + "com").emails()).hasSize(1);
    }

    /** The IPv6 pattern's last group repeated without bound and overflowed the stack on ":1:1:1…". */
    @Test
    void aRunOfIpv6GroupsLongerThanAnAddressIsNoCrash() {
        assertThat(new NetworkIndicators().add("2400:cb00::1:2 and 1:2::" + ":1".repeat(200_000)).ipv6()).containsExactly("2400:cb00::1:2");
    }

    @Test
    void aDefangedHostOutsideAUrlIsADomain() {
        NetworkIndicators found = new NetworkIndicators().add(
                "ログイン画面は secure-login[.]bank-a-verify(.)example で開きます。Also evil[dot]example and mail.x{.}example.co.jp.");
        assertThat(found.hosts()).containsExactly("secure-login.bank-a-verify.example", "evil.example", "mail.x.example.co.jp");
    }

    @Test
    void aHostStartingWithWwwOutsideAUrlIsADomain() {
        assertThat(new NetworkIndicators().add("詳細は www.Invoice-Check.example/login を参照 (or WWW.other.example.)").hosts())
                .containsExactly("www.invoice-check.example", "www.other.example");
    }

    /** Any other dotted word may as well be a file: only a host the text marks as one counts. */
    @Test
    void aDottedWordThatIsNotMarkedAsAHostIsNone() {
        assertThat(new NetworkIndicators().add("invoice.zip, readme.md, setup.exe, e.g. v1.2, example.com").hosts()).isEmpty();
    }

    /** A URL's host is the URL extractor's; a defanged path or query names no host of its own. */
    @Test
    void theDefangedPathOfAUrlNamesNoHost() {
        assertThat(new NetworkIndicators().add("hxxp://kit[.]example/a/b[.]php?next=c[.]html and http://x.example/www.y.example").hosts())
                .isEmpty();
    }

    @Test
    void manyLabelsAndLongWordsAreNoCrash() {
        assertThat(new NetworkIndicators().add("a[.]".repeat(200_000) + "com " + "x".repeat(100_000) + "[.]com").hosts()).hasSize(1);
        assertThat(new NetworkIndicators().add("www." + "a.".repeat(200_000) + "com").hosts()).isEmpty();
    }
}
