package org.c4tap.core.indicator;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The matches of an e-mail address pattern in a text, found by looking only around each {@code @}.
 * Run over a whole text, such a pattern ({@code [local-part class]{1,64}@domain}) tries every
 * position and reads up to 64 characters from each before it gives up: in text full of links,
 * where nearly every character belongs to the local-part class, that is 64 steps or more per
 * character. Around each {@code @} it finds exactly the same matches, since a local part never
 * holds an {@code @} and a domain never runs past the letters, digits, dots and hyphens after it.
 *
 * <p>The pattern must match a local part of at most {@code maxLocal} characters other than
 * {@code @}, then {@code @}, then a domain of letters, digits, dots and hyphens, with no
 * look-around reaching past that.
 */
public final class AddressMatches {

    /**
     * The characters a local part is searched with: those of an RFC 5322 dot-atom less the ones
     * that delimit a link's path, query and fragment ({@code / ? = & #}). In running text an
     * address is far more often a value in a link ({@code …/login?user=taro@bank-a.example}) than
     * a local part holding them, and taking them in made the whole link before it the "address".
     */
    public static final String LOCAL_PART = "[A-Za-z0-9._%+\\-!$'*^`{|}~]";

    private AddressMatches() {
    }

    /** The successive matches of {@code pattern} in {@code text}, as {@link Matcher#find()} would give them. */
    public static List<MatchResult> in(String text, Pattern pattern, int maxLocal) {
        List<MatchResult> found = new ArrayList<>();
        int at = text.indexOf('@');
        if (at < 0) {
            return found;
        }
        Matcher matcher = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        int from = 0;
        while (at >= 0) {
            int end = at + 1;
            while (end < text.length() && isDomainChar(text.charAt(end))) {
                end++;
            }
            int start = Math.max(from, at - maxLocal);
            if (start <= at) {
                matcher.region(start, end);
                if (matcher.find()) {
                    found.add(matcher.toMatchResult());
                    from = matcher.end();
                }
            }
            at = text.indexOf('@', Math.max(at + 1, from));
        }
        return found;
    }

    private static boolean isDomainChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-';
    }
}
