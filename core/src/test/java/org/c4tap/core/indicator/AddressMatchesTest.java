package org.c4tap.core.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AddressMatchesTest {

    /** The shapes NetworkIndicators and Pseudonyms search for. */
    private static final List<Pattern> PATTERNS = List.of(
            Pattern.compile(AddressMatches.LOCAL_PART + "{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}"),
            Pattern.compile(AddressMatches.LOCAL_PART + "{1,64}@([A-Za-z0-9](?:[A-Za-z0-9.\\-]{0,251}[A-Za-z0-9])?)"));

    /** Letters, digits, the local-part punctuation, at signs, dots, spaces, angle brackets, Japanese. */
    private static final String ALPHABET = "aZ09._%+-!#$&'*/=?^`{|}~@@@..-- <>:;\"（）山";

    @Test
    void findsExactlyWhatAScanOfTheWholeTextFinds() {
        Random random = new Random(17);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(round % 10 == 0 ? 400 : 60);
            for (int i = 0; i < length; i++) {
                // long runs now and then, to cross the 64-character local-part bound
                if (random.nextInt(40) == 0) {
                    text.append("x".repeat(random.nextInt(90)));
                }
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            for (Pattern pattern : PATTERNS) {
                assertThat(describe(AddressMatches.in(text.toString(), pattern, 64)))
                        .as("%s in \"%s\"", pattern, text)
                        .isEqualTo(describe(pattern.matcher(text).results().toList()));
            }
        }
    }

    @Test
    void findsAddressesInLinkHeavyText() {
        String text = "see https://evil.example/login?user=taro@bank-a.example&next=%2F and mail x..y@docomo.ne.jp, "
                + "https://a.example/" + "q".repeat(200) + "@b.example";
        // the link's path, query and fragment delimiters end the local part: the value, not the link, is the address
        assertThat(AddressMatches.in(text, PATTERNS.get(0), 64)).extracting(MatchResult::group)
                .containsExactly("taro@bank-a.example", "x..y@docomo.ne.jp",
                        "q".repeat(64) + "@b.example");
    }

    private static List<String> describe(List<MatchResult> matches) {
        return matches.stream().map(match -> match.start() + "-" + match.end() + ":" + match.group()).toList();
    }
}
