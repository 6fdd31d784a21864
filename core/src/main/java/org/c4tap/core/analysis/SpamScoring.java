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

    /** Why a report was not scored when no filter is configured; not worth a note. */
    String NOT_CONFIGURED = "no spam filter is configured";

    /** Scoring switched off: every report says "not_checked". */
    SpamScoring NONE = message -> new SpamCheck(SpamAnalysis.notChecked(), NOT_CONFIGURED, Duration.ZERO);

    SpamCheck score(byte[] message);

    static SpamScoring spamd(SpamdClient client) {
        return client::check;
    }
}
