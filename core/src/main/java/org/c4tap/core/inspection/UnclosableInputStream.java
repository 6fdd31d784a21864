package org.c4tap.core.inspection;

import java.io.FilterInputStream;
import java.io.InputStream;

/** One entry of a streamed archive: closing it leaves the archive open for the next entry. */
final class UnclosableInputStream extends FilterInputStream {

    UnclosableInputStream(InputStream entry) {
        super(entry);
    }

    @Override
    public void close() {
        // The archive stream is closed by its reader once every entry has been listed.
    }
}
