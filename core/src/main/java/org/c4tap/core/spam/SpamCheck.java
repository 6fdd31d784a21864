package org.c4tap.core.spam;

import java.time.Duration;
import java.util.Objects;
import org.c4tap.core.report.SpamAnalysis;

/**
 * The outcome of asking spamd about one message: the analysis that goes into the report, why it
 * came out that way, and how long the asking took. The reason is for the gateway's log; it names
 * what went wrong and never quotes the message or spamd's free text.
 *
 * @param analysis what the report says about spam
 * @param reason   {@value #CHECKED} when spamd answered, otherwise a short explanation
 * @param took     the time spent, from the size check to the parsed answer
 */
public record SpamCheck(SpamAnalysis analysis, String reason, Duration took) {

    public static final String CHECKED = "checked";

    public SpamCheck {
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(took, "took");
    }

    public SpamAnalysis.Status status() {
        return analysis.status();
    }
}
