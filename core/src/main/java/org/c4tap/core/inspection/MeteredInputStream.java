package org.c4tap.core.inspection;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes decompressed bytes through, counting them against one entry's limit and the
 * inspection's budget, so that no size field, however false, lets more through.
 */
final class MeteredInputStream extends FilterInputStream {

    private final long limit;
    private final Budget budget;
    private long count;

    MeteredInputStream(InputStream in, long limit, Budget budget) {
        super(in);
        this.limit = limit;
        this.budget = budget;
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read == -1 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (budget.outOfTime()) {
            throw new LimitReached(LimitReached.Limit.DURATION);
        }
        long room = Math.min(limit - count, budget.bytesLeft());
        if (room <= 0) {
            // At the limit a stream that has ended is complete; only one with more to give is cut.
            if (in.read() == -1) {
                return -1;
            }
            throw new LimitReached(limit - count <= budget.bytesLeft()
                    ? LimitReached.Limit.BYTES_PER_ENTRY : LimitReached.Limit.BYTES_IN_ALL);
        }
        int read = in.read(buffer, offset, (int) Math.min(length, room));
        if (read > 0) {
            count += read;
            budget.spendBytes(read);
        }
        return read;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes are decompressed all the same, so they are read and counted.
        byte[] discard = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int read = read(discard, 0, (int) Math.min(discard.length, n - skipped));
            if (read == -1) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
