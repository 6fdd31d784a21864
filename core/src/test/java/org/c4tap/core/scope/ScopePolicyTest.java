package org.c4tap.core.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ScopePolicyTest {

    @Test
    void scopesWidenFromRedToWhite() {
        assertThat(Scope.WHITE.includes(Scope.RED)).isTrue();
        assertThat(Scope.AMBER.includes(Scope.AMBER)).isTrue();
        assertThat(Scope.AMBER.includes(Scope.GREEN)).isFalse();
        assertThat(Scope.GREEN.narrowest(Scope.AMBER)).isEqualTo(Scope.AMBER);
    }

    @Test
    void unknownLabelsReadAsRed() {
        assertThat(Scope.parseOrRed("amber")).isEqualTo(Scope.AMBER);
        assertThat(Scope.parseOrRed(" Green ")).isEqualTo(Scope.GREEN);
        assertThat(Scope.parseOrRed("TLP:CLEAR")).isEqualTo(Scope.RED);
        assertThat(Scope.parseOrRed("")).isEqualTo(Scope.RED);
        assertThat(Scope.parseOrRed(null)).isEqualTo(Scope.RED);
    }

    @Test
    void withoutARequestEveryPartTakesTheDefaultCutToItsWidest() {
        PartScopes scopes = ScopePolicy.standard(Scope.AMBER)
                .assign(new ScopeChoice(Scope.AMBER, ScopeChoice.Origin.CONFIGURED_DEFAULT));
        assertThat(scopes.of(Part.INDICATORS)).isEqualTo(Scope.AMBER);
        assertThat(scopes.of(Part.HEADERS)).isEqualTo(Scope.AMBER);
        assertThat(scopes.of(Part.REPORTER)).isEqualTo(Scope.RED);
        assertThat(scopes.of(Part.PROVIDER_NAME)).isEqualTo(Scope.RED);
    }

    @Test
    void aRequestNeverWidensAPartBeyondItsWidest() {
        PartScopes scopes = ScopePolicy.standard(Scope.RED)
                .assign(new ScopeChoice(Scope.WHITE, ScopeChoice.Origin.SUBADDRESS));
        assertThat(scopes.of(Part.INDICATORS)).isEqualTo(Scope.WHITE);
        assertThat(scopes.of(Part.ATTACHMENTS)).isEqualTo(Scope.WHITE);
        assertThat(scopes.of(Part.HEADERS)).isEqualTo(Scope.AMBER);
        assertThat(scopes.of(Part.BODY)).isEqualTo(Scope.AMBER);
        assertThat(scopes.of(Part.PROVIDER_SECTOR)).isEqualTo(Scope.AMBER);
        assertThat(scopes.of(Part.REPORTER)).isEqualTo(Scope.RED);
        assertThat(scopes.of(Part.PROVIDER_NAME)).isEqualTo(Scope.RED);
    }

    @Test
    void aNarrowRequestNarrowsEveryPart() {
        PartScopes scopes = ScopePolicy.standard(Scope.GREEN)
                .assign(new ScopeChoice(Scope.RED, ScopeChoice.Origin.SUBADDRESS));
        assertThat(scopes.asMap().values()).containsOnly(Scope.RED);
        assertThat(scopes.widest()).isEqualTo(Scope.RED);
    }

    @Test
    void aDefaultWiderThanTheWidestIsRefused() {
        assertThatThrownBy(() -> new ScopePolicy(Map.of(Part.REPORTER, Scope.GREEN), Map.of(Part.REPORTER, Scope.RED)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reporter");
    }

    @Test
    void missingLabelsAreRed() {
        PartScopes scopes = PartScopes.of(Map.of(Part.INDICATORS, Scope.GREEN));
        assertThat(scopes.of(Part.INDICATORS)).isEqualTo(Scope.GREEN);
        assertThat(scopes.of(Part.ATTACHMENTS)).isEqualTo(Scope.RED);
        assertThat(scopes.partsReaching(Scope.AMBER)).containsExactly(Part.INDICATORS);
        assertThat(scopes.partsReaching(Scope.RED)).hasSize(Part.values().length);
    }
}
