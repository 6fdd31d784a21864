package org.c4tap.core.sample;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the samples of one reported mail while it is read: each attachment's bytes once (by
 * SHA-256), up to a total, or a line saying why it was left out. Belongs to one reading; not
 * thread-safe. {@link #none()} keeps nothing, so that where samples are not sent no attachment's
 * bytes outlive its inspection.
 */
public final class SampleShelf {

    private final boolean keeping;
    private final long maxTotalBytes;
    private final List<Sample> kept = new ArrayList<>();
    private final List<String> omitted = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private long total;

    private SampleShelf(boolean keeping, long maxTotalBytes) {
        this.keeping = keeping;
        this.maxTotalBytes = maxTotalBytes;
    }

    public static SampleShelf none() {
        return new SampleShelf(false, 0);
    }

    public static SampleShelf keeping(long maxTotalBytes) {
        return new SampleShelf(true, maxTotalBytes);
    }

    public boolean keeps() {
        return keeping;
    }

    /** Keeps {@code bytes} unless the same bytes are kept already or the total would pass the bound. */
    public void offer(String filename, String sha256, byte[] bytes) {
        if (!keeping || !seen.add(sha256)) {
            return;
        }
        if (total + bytes.length > maxTotalBytes) {
            omitted.add(sha256 + " (" + bytes.length + " bytes): the samples of this mail would pass " + maxTotalBytes + " bytes");
            return;
        }
        total += bytes.length;
        kept.add(new Sample(filename, sha256, bytes));
    }

    /** Notes an attachment whose bytes could not be kept. */
    public void omit(String sha256, String why) {
        if (keeping && seen.add(sha256)) {
            omitted.add(sha256 + ": " + why);
        }
    }

    public Samples contents() {
        return keeping ? new Samples(kept, omitted) : Samples.NONE;
    }
}
