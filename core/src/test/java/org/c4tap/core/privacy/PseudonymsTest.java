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

    @Test
    void theVictimsAddressInAPersonalisedLinkIsReplacedAndTheLinkKept() {
        String one = pseudonyms.pseudonym("victim@bank.example");
        assertThat(pseudonyms.replaceIn("https://evil.example/login?user=victim@bank.example&next=1"))
                .isEqualTo("https://evil.example/login?user=" + one + "&next=1");
        assertThat(pseudonyms.replaceIn("https://evil.example/v#victim@bank.example"))
                .isEqualTo("https://evil.example/v#" + one);
        String encoded = one.replace("@", "%40");
        assertThat(pseudonyms.replaceIn("https://evil.example/login?u=victim%40bank.example&x=y"))
                .isEqualTo("https://evil.example/login?u=" + encoded + "&x=y");
        assertThat(pseudonyms.replaceIn("https://evil.example/?u%3Dvictim%40BANK.example."))
                .as("an encoded '=' ends the local part; the case of the domain does not matter")
                .isEqualTo("https://evil.example/?u%3D" + encoded + ".");
        assertThat(pseudonyms.replaceIn("https://evil.example/?u=v%2Bx%40bank.example"))
                .isEqualTo("https://evil.example/?u=" + pseudonyms.pseudonym("v+x@bank.example").replace("@", "%40"));
        assertThat(pseudonyms.replaceIn("https://evil.example/?u=attacker%40evil.example&p=%40bank.example"))
                .as("the attacker's own, and an empty local part, stay").isEqualTo("https://evil.example/?u=attacker%40evil.example&p=%40bank.example");
    }

    @Test
    void linksSubjectAndIndicatorsOfWiderPartsCarryNoInternalAddress() {
        Report report = SampleReports.green();
        OriginalHeaders headers = report.part(OriginalHeaders.class).orElseThrow();
        report = report.with(new OriginalHeaders("victim@bank.example 様: パスワードの有効期限", headers.from(), headers.sender(),
                headers.to(), headers.cc(), headers.replyTo(), headers.returnPath(), headers.date(), headers.messageId(),
                headers.mailer(), headers.originatingIp(), headers.received(), headers.authentication(), headers.fields()));
        report = report.with(new org.c4tap.core.report.Indicators(
                java.util.List.of(new org.c4tap.core.indicator.UrlIndicator("https://evil.example/p?id=victim%40bank.example",
                        "evil.example", "https://evil.example/p?id=victim@bank.example", true, false)),
                java.util.List.of("evil.example"), java.util.List.of(), java.util.List.of(), java.util.List.of("victim@bank.example")));

        Report applied = Pseudonymiser.apply(report, pseudonyms);

        String one = pseudonyms.pseudonym("victim@bank.example");
        assertThat(applied.part(OriginalHeaders.class).orElseThrow().subject()).isEqualTo(one + " 様: パスワードの有効期限");
        org.c4tap.core.report.Indicators indicators = applied.part(org.c4tap.core.report.Indicators.class).orElseThrow();
        assertThat(indicators.urls()).singleElement().satisfies(url -> {
            assertThat(url.url()).isEqualTo("https://evil.example/p?id=" + one.replace("@", "%40"));
            assertThat(url.text()).isEqualTo("https://evil.example/p?id=" + one);
            assertThat(url.host()).isEqualTo("evil.example");
            assertThat(url.deceptive()).isTrue();
        });
        assertThat(indicators.emails()).containsExactly(one);
    }

    /** The host pattern's repeated label group overflowed the stack on "a.a.a.…". */
    @Test
    void textOfEndlessLabelsIsLeftAsItIs() {
        String text = "a.".repeat(200_000) + "bank.example";
        assertThat(pseudonyms.replaceIn(text).equals(text)).isTrue();
    }
}
