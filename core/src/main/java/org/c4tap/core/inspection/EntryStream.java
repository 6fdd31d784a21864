package org.c4tap.core.inspection;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * One entry's decompressed data as it is being read, and how many compressed bytes producing it
 * has taken so far, from which the inspector sees the actual ratio whatever the headers claim.
 * The count is {@link #UNCOUNTED} where the format cannot tell it per entry.
 */
record EntryStream(InputStream decompressed, LongSupplier compressedRead) implements Closeable {

    static final long UNCOUNTED = -1;

    /** For entries that share their compressed data with others, as in 7z's solid blocks. */
    static EntryStream uncounted(InputStream decompressed) {
        return new EntryStream(decompressed, () -> UNCOUNTED);
    }

    /** Opens an entry's data; opening may already fail on damaged input. */
    @FunctionalInterface
    interface Opener {
        EntryStream open() throws IOException;
    }

    @Override
    public void close() throws IOException {
        decompressed.close();
    }
}
