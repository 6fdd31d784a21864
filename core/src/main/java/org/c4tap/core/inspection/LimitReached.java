package org.c4tap.core.inspection;

import java.io.IOException;

/**
 * Thrown by a {@link MeteredInputStream} when reading on would pass a limit. It is the only way to
 * stop a library that is in the middle of reading; it never leaves the inspector.
 */
final class LimitReached extends IOException {

    enum Limit { BYTES_PER_ENTRY, BYTES_IN_ALL, DURATION }

    private final Limit limit;

    LimitReached(Limit limit) {
        super(limit.name());
        this.limit = limit;
    }

    Limit limit() {
        return limit;
    }
}
