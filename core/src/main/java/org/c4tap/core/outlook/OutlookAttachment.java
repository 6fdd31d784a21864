package org.c4tap.core.outlook;

import java.util.Arrays;
import java.util.Optional;

/**
 * One attachment of an Outlook message: either a file, whose bytes are given exactly, or another
 * message attached whole.
 */
public sealed interface OutlookAttachment {

    /** The long file name, else the short (8.3) one, else the empty string. */
    String filename();

    /** The MIME type Outlook recorded, or the empty string. */
    String mimeType();

    /** A file attached by value; {@link #content()} is its exact bytes. */
    record File(String filename, String mimeType, byte[] content) implements OutlookAttachment {

        public File {
            filename = filename == null ? "" : filename;
            mimeType = mimeType == null ? "" : mimeType;
            content = content.clone();
        }

        /** A copy of the attachment's bytes. */
        @Override
        public byte[] content() {
            return content.clone();
        }

        /** The number of bytes, without copying them. */
        public int size() {
            return content.length;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof File that
                    && filename.equals(that.filename)
                    && mimeType.equals(that.mimeType)
                    && Arrays.equals(content, that.content);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * filename.hashCode() + mimeType.hashCode()) + Arrays.hashCode(content);
        }

        /** Names the size, never the bytes. */
        @Override
        public String toString() {
            return "File[filename=" + filename + ", mimeType=" + mimeType + ", size=" + content.length + "]";
        }
    }

    /**
     * A message attached whole (an attached {@code .msg}). The message is empty when it nests
     * deeper than {@link OutlookLimits#maxEmbeddedDepth()} or could not be read; a note says which.
     */
    record Embedded(String filename, String mimeType, Optional<OutlookMessage> message) implements OutlookAttachment {

        public Embedded {
            filename = filename == null ? "" : filename;
            mimeType = mimeType == null ? "" : mimeType;
            message = message == null ? Optional.empty() : message;
        }
    }
}
