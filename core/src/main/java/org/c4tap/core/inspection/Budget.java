package org.c4tap.core.inspection;

import java.util.function.LongSupplier;

/**
 * What one inspection may still spend: decompressed bytes, listed entries and time. Shared by
 * every archive of one attachment and used by one thread only.
 */
final class Budget {

    private final LongSupplier nanoTime;
    private final long deadline;
    private long bytesLeft;
    private long bytesSpent;
    private int entriesLeft;

    /** @param nanoTime the clock, {@link System#nanoTime} but in tests */
    Budget(InspectionLimits limits, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.deadline = nanoTime.getAsLong() + limits.maxDuration().toNanos();
        this.bytesLeft = limits.maxBytesInAll();
        this.entriesLeft = limits.maxEntriesInAll();
    }

    long bytesLeft() {
        return bytesLeft;
    }

    long bytesSpent() {
        return bytesSpent;
    }

    void spendBytes(long count) {
        bytesLeft -= count;
        bytesSpent += count;
    }

    int entriesLeft() {
        return entriesLeft;
    }

    void spendEntry() {
        entriesLeft--;
    }

    boolean outOfTime() {
        return nanoTime.getAsLong() - deadline > 0;
    }
}
