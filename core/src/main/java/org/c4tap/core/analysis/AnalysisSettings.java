package org.c4tap.core.analysis;

import java.time.Clock;
import java.util.Objects;
import org.c4tap.core.privacy.Pseudonyms;
import org.c4tap.core.scope.Scope;
import org.c4tap.core.scope.ScopePolicy;
import org.c4tap.core.submission.ReadLimits;

/**
 * Everything an {@link Analyzer} is configured with, built once (from a mailet's parameters or the
 * command line) and shared.
 *
 * @param excerptChars how much of the reported mail's text goes into the body part
 */
public record AnalysisSettings(
        ScopePolicy policy,
        ReadLimits limits,
        int excerptChars,
        SpamScoring spam,
        Pseudonyms pseudonyms,
        Clock clock) {

    public AnalysisSettings {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(spam, "spam");
        Objects.requireNonNull(pseudonyms, "pseudonyms");
        Objects.requireNonNull(clock, "clock");
        if (excerptChars < 0) {
            throw new IllegalArgumentException("excerptChars must not be negative");
        }
    }

    /** The standard limits, no spam filter, no internal domains, the system clock. */
    public static AnalysisSettings standard(Scope defaultScope) {
        return new AnalysisSettings(ScopePolicy.standard(defaultScope), ReadLimits.STANDARD, 2000, SpamScoring.NONE,
                Pseudonyms.none(), Clock.systemUTC());
    }

    public AnalysisSettings withSpam(SpamScoring scoring) {
        return new AnalysisSettings(policy, limits, excerptChars, scoring, pseudonyms, clock);
    }

    public AnalysisSettings withPseudonyms(Pseudonyms replacement) {
        return new AnalysisSettings(policy, limits, excerptChars, spam, replacement, clock);
    }

    public AnalysisSettings withPolicy(ScopePolicy replacement) {
        return new AnalysisSettings(replacement, limits, excerptChars, spam, pseudonyms, clock);
    }

    public AnalysisSettings withLimits(ReadLimits replacement) {
        return new AnalysisSettings(policy, replacement, excerptChars, spam, pseudonyms, clock);
    }
}
