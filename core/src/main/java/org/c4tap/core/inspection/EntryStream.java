package org.c4tap.core.inspection;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * One entry's decompressed data as it is being read, and how many compressed bytes producing it
 * has taken so far, from which the inspector sees the actual ratio whatever the headers claim.
 */
record EntryStream(InputStream decompressed, LongSupplier compressedRead) implements Closeable {

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
