package org.c4tap.core.inspection;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on inspecting one attachment, so that a hostile file costs bounded time and memory. Past a
 * bound the inspector stops looking, says so in a note, and returns what it had learnt.
 *
 * <p>Entries are read into memory to be fingerprinted and looked into, so an inspection holds at
 * most about {@code maxDepth × maxBytesPerEntry} bytes besides the attachment itself.
 *
 * @param maxDepth             how many archives deep the listing goes: 1 lists the attachment's own
 *                             archive but not the archives inside it
 * @param maxEntriesPerArchive how many entries of one archive are listed
 * @param maxEntriesInAll      how many entries are listed across every archive of the attachment
 * @param maxBytesPerEntry     how many decompressed bytes are read from one entry; a larger entry
 *                             is listed without a fingerprint
 * @param maxBytesInAll        how many decompressed bytes are read across the whole attachment, and
 *                             the most an archive may declare before it counts as a bomb
 * @param maxRatio             the largest uncompressed-to-compressed ratio an archive or entry may
 *                             declare or show before it counts as a bomb
 * @param maxDuration          how long one inspection may spend reading entries
 */
public record InspectionLimits(int maxDepth, int maxEntriesPerArchive, int maxEntriesInAll,
        long maxBytesPerEntry, long maxBytesInAll, int maxRatio, Duration maxDuration) {

    private static final long MIB = 1024 * 1024;

    public static final InspectionLimits STANDARD =
            new InspectionLimits(3, 1000, 10_000, 20 * MIB, 100 * MIB, 100, Duration.ofSeconds(30));

    /** An entry is read into one array, so it cannot exceed what an array holds. */
    private static final long LARGEST_ARRAY = Integer.MAX_VALUE - 8;

    public InspectionLimits {
        Objects.requireNonNull(maxDuration, "maxDuration");
        if (maxDepth < 1 || maxEntriesPerArchive < 1 || maxEntriesInAll < 1 || maxBytesPerEntry < 1
                || maxBytesInAll < 1 || maxRatio < 1 || maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("inspection limits must be positive");
        }
        if (maxBytesPerEntry > LARGEST_ARRAY) {
            throw new IllegalArgumentException("maxBytesPerEntry must fit in one array");
        }
    }
}
