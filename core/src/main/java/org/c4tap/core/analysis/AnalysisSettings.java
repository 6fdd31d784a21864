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
 * @param samples      whether the attachments' bytes are kept, for an operator that sends samples
 */
public record AnalysisSettings(
        ScopePolicy policy,
        ReadLimits limits,
        int excerptChars,
        SpamScoring spam,
        Pseudonyms pseudonyms,
        Clock clock,
        boolean samples) {

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

    public AnalysisSettings(ScopePolicy policy, ReadLimits limits, int excerptChars, SpamScoring spam, Pseudonyms pseudonyms, Clock clock) {
        this(policy, limits, excerptChars, spam, pseudonyms, clock, false);
    }

    /** The standard limits, no spam filter, no internal domains, no samples, the system clock. */
    public static AnalysisSettings standard(Scope defaultScope) {
        return new AnalysisSettings(ScopePolicy.standard(defaultScope), ReadLimits.STANDARD, 2000, SpamScoring.NONE,
                Pseudonyms.none(), Clock.systemUTC(), false);
    }

    public AnalysisSettings withSamples(boolean keep) {
        return new AnalysisSettings(policy, limits, excerptChars, spam, pseudonyms, clock, keep);
    }

    public AnalysisSettings withSpam(SpamScoring scoring) {
        return new AnalysisSettings(policy, limits, excerptChars, scoring, pseudonyms, clock, samples);
    }

    public AnalysisSettings withPseudonyms(Pseudonyms replacement) {
        return new AnalysisSettings(policy, limits, excerptChars, spam, replacement, clock, samples);
    }

    public AnalysisSettings withPolicy(ScopePolicy replacement) {
        return new AnalysisSettings(replacement, limits, excerptChars, spam, pseudonyms, clock, samples);
    }

    public AnalysisSettings withLimits(ReadLimits replacement) {
        return new AnalysisSettings(policy, replacement, excerptChars, spam, pseudonyms, clock, samples);
    }
}
