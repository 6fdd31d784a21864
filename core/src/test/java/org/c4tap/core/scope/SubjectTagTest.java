package org.c4tap.core.scope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubjectTagTest {

    @Test
    void aTagAtTheStartOfTheSubmissionSubjectChoosesTheScope() {
        assertThat(SubjectTag.read("[AMBER] FW: 請求書", List.of("請求書"))).contains(new ScopeChoice(Scope.AMBER, ScopeChoice.Origin.SUBJECT_TAG));
        assertThat(SubjectTag.read("【green】転送: x", List.of("x")).orElseThrow().scope()).isEqualTo(Scope.GREEN);
    }

    @Test
    void theAttackersOwnTagIsNeverTaken() {
        assertThat(SubjectTag.read("FW: [WHITE] please share", List.of("[WHITE] please share"))).isEmpty();
        assertThat(SubjectTag.read("[WHITE] please share", List.of("[WHITE] please share"))).isEmpty();
        assertThat(SubjectTag.read("[WHITE] please share", List.of("RE: [WHITE] please share"))).isEmpty();
        assertThat(SubjectTag.read("TLP:WHITE invoice", List.of("invoice"))).isEmpty();
    }

    /** A repeated group in the prefix pattern recursed per prefix: 200,000 of them overflowed the stack. */
    @Test
    void anyNumberOfForwardPrefixesIsStripped() {
        assertThat(SubjectTag.withoutForwardPrefixes(" Fw: RE：転送: fwd:x: y")).isEqualTo("x: y");
        String attackers = "Fw: ".repeat(200_000) + "[WHITE] please share";
        assertThat(SubjectTag.read("[WHITE] please share", List.of(attackers))).isEmpty();
    }

    @Test
    void twoRequestsGiveTheNarrower() {
        ScopeChoice subaddress = new ScopeChoice(Scope.GREEN, ScopeChoice.Origin.SUBADDRESS);
        ScopeChoice tag = new ScopeChoice(Scope.AMBER, ScopeChoice.Origin.SUBJECT_TAG);
        assertThat(SubjectTag.combine(subaddress, Optional.of(tag))).isEqualTo(tag);
        ScopeChoice configured = new ScopeChoice(Scope.RED, ScopeChoice.Origin.CONFIGURED_DEFAULT);
        assertThat(SubjectTag.combine(configured, Optional.of(tag))).isEqualTo(tag);
        assertThat(SubjectTag.combine(configured, Optional.empty())).isEqualTo(configured);
    }
}
