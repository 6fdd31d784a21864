package org.c4tap.core.notice;

import java.util.List;

/** What a report's samples became at the council: one sealed parcel per analyst organisation, and who could not be reached. */
public record SampleDistribution(List<Notice> notices, List<String> skipped) {

    public SampleDistribution {
        notices = List.copyOf(notices);
        skipped = List.copyOf(skipped);
    }
}
