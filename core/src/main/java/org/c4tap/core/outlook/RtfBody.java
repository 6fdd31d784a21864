package org.c4tap.core.outlook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import org.apache.poi.hmef.CompressedRTF;

/**
 * The HTML inside an Outlook RTF body ({@code PR_RTF_COMPRESSED}, [MS-OXRTFCP]), when the RTF was
 * made from HTML ([MS-OXRTFEX]). POI's {@link CompressedRTF} decompresses; it neither bounds its
 * output nor stops at the declared size, so its output goes to a sink that keeps at most the
 * declared size and at most the property limit.
 */
final class RtfBody {

    private static final int HEADER_BYTES = 16;
    private static final int COMPRESSED = CompressedRTF.COMPRESSED_SIGNATURE_INT;
    private static final int UNCOMPRESSED = CompressedRTF.UNCOMPRESSED_SIGNATURE_INT;

    private RtfBody() {
    }

    /**
     * The encapsulated HTML, or empty when the RTF was not made from HTML or could not be read.
     *
     * @param where how notes name the message, such as {@code message}
     */
    static Optional<String> encapsulatedHtml(byte[] compressed, ReadScope scope, String where) {
        if (compressed.length < HEADER_BYTES) {
            scope.note(OutlookNote.Kind.PROPERTY_UNREADABLE, where + " RTF body: shorter than its header");
            return Optional.empty();
        }
        ByteBuffer header = ByteBuffer.wrap(compressed).order(ByteOrder.LITTLE_ENDIAN);
        long declaredSize = Integer.toUnsignedLong(header.getInt(4));
        int compression = header.getInt(8);
        if (compression != COMPRESSED && compression != UNCOMPRESSED) {
            scope.note(OutlookNote.Kind.PROPERTY_UNREADABLE, where + " RTF body: unknown compression");
            return Optional.empty();
        }
        int limit = scope.limits().maxPropertyBytes();
        if (declaredSize > limit) {
            scope.note(OutlookNote.Kind.LIMIT_EXCEEDED, where + " RTF body: " + declaredSize + " bytes, kept the first " + limit);
        }
        KeepingSink rtf = new KeepingSink((int) Math.min(declaredSize, limit));
        try {
            new CompressedRTF().decompress(new ByteArrayInputStream(compressed), rtf);
        } catch (IOException | RuntimeException unreadable) {
            scope.note(OutlookNote.Kind.PROPERTY_UNREADABLE,
                    where + " RTF body could not be decompressed (" + unreadable.getClass().getSimpleName() + ")");
            return Optional.empty();
        }
        EncapsulatedHtml.Extraction html = EncapsulatedHtml.extract(rtf.kept(), limit);
        if (html.cut()) {
            scope.note(OutlookNote.Kind.LIMIT_EXCEEDED, where + " HTML from the RTF body: cut at " + limit + " characters");
        }
        return html.html();
    }

    /** Keeps the first {@code capacity} bytes written and drops the rest. */
    private static final class KeepingSink extends OutputStream {

        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final int capacity;

        KeepingSink(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public void write(int b) {
            if (kept.size() < capacity) {
                kept.write(b);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            int room = capacity - kept.size();
            if (room > 0) {
                kept.write(bytes, offset, Math.min(room, length));
            }
        }

        byte[] kept() {
            return kept.toByteArray();
        }
    }
}
