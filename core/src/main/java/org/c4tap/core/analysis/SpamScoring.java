package org.c4tap.core.analysis;

import org.c4tap.core.report.SpamAnalysis;

/**
 * Asks a spam filter about a reported mail. Implementations never throw and never block past their
 * own timeout: a report is built whatever the filter does.
 */
@FunctionalInterface
public interface SpamScoring {

    /** Scoring switched off: every report says "not_checked". */
    SpamScoring NONE = message -> SpamAnalysis.notChecked();

    SpamAnalysis score(byte[] message);
}
