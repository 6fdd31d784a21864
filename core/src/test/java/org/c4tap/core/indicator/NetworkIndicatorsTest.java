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
}
