package org.c4tap.core.notice;

import java.util.List;
import org.c4tap.core.report.Report;

/**
 * What one report became at the council: the report with the provider's attribution, the notices
 * to send, and the deliveries that could not be made (with why), which an administrator must hear of.
 */
public record Distribution(Report attributed, List<Notice> notices, List<String> skipped) {

    public Distribution {
        notices = List.copyOf(notices);
        skipped = List.copyOf(skipped);
    }
}
