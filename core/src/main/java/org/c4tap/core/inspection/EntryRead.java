package org.c4tap.core.inspection;

/** How reading one entry's data ended. */
sealed interface EntryRead {

    /** Read to its end within the limits. */
    record Whole(byte[] bytes, long compressedRead) implements EntryRead {
    }

    /** Stopped at a limit after {@code bytesRead} bytes; {@code head} holds the first of them. */
    record Stopped(LimitReached.Limit limit, long bytesRead, long compressedRead, byte[] head) implements EntryRead {
    }

    /** The data could not be decompressed; {@code reason} names the failure, never the content. */
    record Unreadable(String reason) implements EntryRead {
    }
}
