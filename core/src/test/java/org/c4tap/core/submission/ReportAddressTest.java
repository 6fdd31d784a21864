package org.c4tap.core.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.c4tap.core.scope.Scope;
import org.c4tap.core.scope.ScopeChoice;
import org.junit.jupiter.api.Test;

class ReportAddressTest {

    private final ReportAddress address = ReportAddress.parse("report@bank-a.example");

    @Test
    void matchesTheAddressAndItsSubAddressesOnly() {
        assertThat(address.matches("report@bank-a.example")).isTrue();
        assertThat(address.matches("Report@Bank-A.example")).isTrue();
        assertThat(address.matches("report+amber@bank-a.example")).isTrue();
        assertThat(address.matches("reporter@bank-a.example")).isFalse();
        assertThat(address.matches("report@other.example")).isFalse();
        assertThat(address.matches("xreport@bank-a.example")).isFalse();
        assertThat(address.matches(null)).isFalse();
    }

    @Test
    void aSubAddressChoosesTheScope() {
        assertThat(address.requestedBy("report@bank-a.example")).isEmpty();
        assertThat(address.requestedBy("report+amber@bank-a.example"))
                .contains(new ScopeChoice(Scope.AMBER, ScopeChoice.Origin.SUBADDRESS));
        assertThat(address.requestedBy("report+WHITE@bank-a.example").orElseThrow().scope()).isEqualTo(Scope.WHITE);
    }

    @Test
    void aSubAddressThatNamesNoScopeNarrowsToRed() {
        assertThat(address.requestedBy("report+ambr@bank-a.example").orElseThrow().scope()).isEqualTo(Scope.RED);
    }

    @Test
    void theConfiguredAddressMustBePlain() {
        assertThatThrownBy(() -> ReportAddress.parse("report+amber@bank-a.example")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReportAddress.parse("report")).isInstanceOf(IllegalArgumentException.class);
    }
}
