package org.c4tap.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.c4tap.core.report.OriginalHeaders;
import org.c4tap.core.report.Report;
import org.c4tap.core.report.ReporterIdentity;
import org.c4tap.core.testing.SampleReports;
import org.junit.jupiter.api.Test;

class PseudonymsTest {

    private final Pseudonyms pseudonyms = new Pseudonyms("a gateway secret, 32 bytes long!".getBytes(StandardCharsets.UTF_8),
            domain -> domain.equals("bank.example"));

    @Test
    void internalAddressesGetStablePseudonymsAndTheAttackersStay() {
        String one = pseudonyms.pseudonym("victim@bank.example");
        assertThat(one).matches("person-[0-9a-f]{12}@pseudonym\\.invalid");
        assertThat(pseudonyms.pseudonym("VICTIM@bank.example")).isEqualTo(one);
        assertThat(new Pseudonyms("another secret of 32 bytes long!".getBytes(StandardCharsets.UTF_8), d -> true)
                .pseudonym("victim@bank.example")).isNotEqualTo(one);
        assertThat(pseudonyms.replaceIn("to victim@bank.example from attacker@evil.example"))
                .isEqualTo("to " + one + " from attacker@evil.example");
        assertThat(pseudonyms.replaceMailboxes("山田 太郎 <victim@bank.example>, Evil <attacker@evil.example>"))
                .isEqualTo(one + ", Evil <attacker@evil.example>");
    }

    @Test
    void onlyPartsWiderThanRedArePseudonymised() {
        Report report = SampleReports.green().with(new ReporterIdentity("taro@bank.example"));
        Report applied = Pseudonymiser.apply(report, pseudonyms);
        OriginalHeaders headers = applied.part(OriginalHeaders.class).orElseThrow();
        assertThat(headers.to()).containsExactly(pseudonyms.pseudonym("victim@bank.example"));
        assertThat(headers.from()).isEqualTo("attacker@evil.example");
        assertThat(applied.part(ReporterIdentity.class).orElseThrow().address()).isEqualTo("taro@bank.example");
    }

    /** The host pattern's repeated label group overflowed the stack on "a.a.a.…". */
    @Test
    void textOfEndlessLabelsIsLeftAsItIs() {
        String text = "a.".repeat(200_000) + "bank.example";
        assertThat(pseudonyms.replaceIn(text).equals(text)).isTrue();
    }
}
