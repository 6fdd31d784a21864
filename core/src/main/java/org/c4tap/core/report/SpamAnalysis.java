package org.c4tap.core.report;

import java.util.List;
import org.c4tap.core.scope.Part;

/**
 * SpamAssassin's view of the reported mail. When spamd could not be asked, the status says so and
 * the figures are absent: a report never waits on spamd.
 */
public record SpamAnalysis(Status status, double score, double threshold, List<String> rules) implements PartContent {

    public enum Status {
        SPAM("spam"),
        HAM("ham"),
        UNAVAILABLE("unavailable"),
        NOT_CHECKED("not_checked");

        private final String key;

        Status(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public static Status fromKey(String key) {
            for (Status status : values()) {
                if (status.key.equals(key)) {
                    return status;
                }
            }
            return NOT_CHECKED;
        }
    }

    public SpamAnalysis {
        rules = List.copyOf(rules);
    }

    public static SpamAnalysis notChecked() {
        return new SpamAnalysis(Status.NOT_CHECKED, 0, 0, List.of());
    }

    public static SpamAnalysis unavailable() {
        return new SpamAnalysis(Status.UNAVAILABLE, 0, 0, List.of());
    }

    @Override
    public Part part() {
        return Part.SPAM;
    }
}
