package org.c4tap.core.outlook;

/**
 * What one read may still consume: bytes taken out of streams, and attachments. The byte budget
 * starts at the size of the input: the streams of a sound compound file together never exceed the
 * file, so a file whose entries share sectors cannot make the reader copy more than it holds.
 */
final class ReadBudget {

    private long bytes;
    private int attachments;

    ReadBudget(long bytes, int attachments) {
        this.bytes = bytes;
        this.attachments = attachments;
    }

    /** Takes {@code count} bytes if that many are left. */
    boolean takeBytes(long count) {
        if (count < 0 || count > bytes) {
            return false;
        }
        bytes -= count;
        return true;
    }

    /** Takes one attachment if any is left. */
    boolean takeAttachment() {
        if (attachments <= 0) {
            return false;
        }
        attachments--;
        return true;
    }
}
