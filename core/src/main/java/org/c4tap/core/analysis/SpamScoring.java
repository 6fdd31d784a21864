package org.c4tap.core.analysis;

import java.time.Duration;
import org.c4tap.core.report.SpamAnalysis;
import org.c4tap.core.spam.SpamCheck;
import org.c4tap.core.spam.SpamdClient;

/**
 * Asks a spam filter about a reported mail. Implementations never throw and never block past their
 * own timeout: a report is built whatever the filter does.
 */
@FunctionalInterface
public interface SpamScoring {

    /** Scoring switched off: every report says "not_checked". */
    SpamScoring NONE = message -> new SpamCheck(SpamAnalysis.notChecked(), "no spam filter is configured", Duration.ZERO);

    SpamCheck score(byte[] message);

    static SpamScoring spamd(SpamdClient client) {
        return client::check;
    }
}
