package org.c4tap.bench.input;

import org.c4tap.core.analysis.AnalysisSettings;
import org.c4tap.core.submission.ReadLimits;

/**
 * The intake of a forward carrying a 50 MB attachment. Base64 makes that a 71.8 MB submission,
 * over the standard {@code maxMessageBytes} (64 MiB, which the gateway refuses as too large); an
 * operator who accepts such mail raises it, as these settings do (to 100 MiB). Every other limit
 * is the standard one, so the 50 MB attachment is still kept for inspection (up to 64 MiB).
 */
public final class LargeIntake {

    public static final int ATTACHMENT_MEGABYTES = 50;
    public static final long MAX_MESSAGE_BYTES = 100L * 1024 * 1024;

    private LargeIntake() {
    }

    public static SampleForward forward() {
        return SampleForward.withLargeAttachment(ATTACHMENT_MEGABYTES);
    }

    public static AnalysisSettings settings() {
        return SampleReports.settings().withLimits(ReadLimits.STANDARD.with("maxMessageBytes", MAX_MESSAGE_BYTES));
    }
}
