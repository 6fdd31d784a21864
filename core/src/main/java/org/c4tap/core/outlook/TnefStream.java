package org.c4tap.core.outlook;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The attribute layout of a TNEF stream ([MS-OXTNEF] 2.1.3), scanned from the raw bytes: a
 * signature and key, then attributes of level, id, type, length, data and checksum. Knowing where
 * each attribute lies lets the reader give POI's HMEF one part at a time, so that one bad or
 * oversized attribute costs only the part it belongs to, and a cut stream still yields the
 * attributes before the cut.
 */
final class TnefStream {

    static final int SIGNATURE = 0x223E9F78;
    private static final int PREAMBLE = 6;
    private static final int ATTRIBUTE_HEADER = 9;
    private static final int CHECKSUM = 2;
    static final int LEVEL_MESSAGE = 1;
    static final int LEVEL_ATTACHMENT = 2;

    /** One attribute: where it starts (at its level byte) and how long its data is. */
    record Attribute(int level, int id, int type, int offset, int length, boolean checksumMatches) {

        int end() {
            return offset + ATTRIBUTE_HEADER + length + CHECKSUM;
        }
    }

    private final byte[] stream;
    private final List<Attribute> attributes;

    private TnefStream(byte[] stream, List<Attribute> attributes) {
        this.stream = stream;
        this.attributes = List.copyOf(attributes);
    }

    /**
     * Scans {@code stream}; a stream without the TNEF signature has no attributes. Where the
     * stream stops making sense, the scan stops and a note says why.
     */
    static TnefStream scan(byte[] stream, List<OutlookNote> notes) {
        ByteBuffer bytes = ByteBuffer.wrap(stream).order(ByteOrder.LITTLE_ENDIAN);
        if (stream.length < PREAMBLE) {
            notes.add(new OutlookNote(OutlookNote.Kind.TNEF_UNREADABLE, "shorter than a TNEF header"));
            return new TnefStream(stream, List.of());
        }
        if (bytes.getInt(0) != SIGNATURE) {
            notes.add(new OutlookNote(OutlookNote.Kind.TNEF_UNREADABLE, "no TNEF signature"));
            return new TnefStream(stream, List.of());
        }
        List<Attribute> attributes = new ArrayList<>();
        int offset = PREAMBLE;
        while (offset < stream.length) {
            int level = stream[offset];
            if (level == '\r' || level == '\n') {
                // Some mailers end the stream with a line break.
                offset++;
                continue;
            }
            int number = attributes.size() + 1;
            if (level != LEVEL_MESSAGE && level != LEVEL_ATTACHMENT) {
                notes.add(new OutlookNote(OutlookNote.Kind.TNEF_UNREADABLE,
                        "attribute " + number + " at offset " + offset + " has no valid level; the rest was not read"));
                break;
            }
            if (offset + ATTRIBUTE_HEADER > stream.length) {
                notes.add(new OutlookNote(OutlookNote.Kind.TNEF_TRUNCATED, "the stream ends inside attribute " + number));
                break;
            }
            long length = Integer.toUnsignedLong(bytes.getInt(offset + 5));
            if (offset + ATTRIBUTE_HEADER + length + CHECKSUM > stream.length) {
                notes.add(new OutlookNote(OutlookNote.Kind.TNEF_TRUNCATED, "the stream ends inside attribute " + number));
                break;
            }
            int dataStart = offset + ATTRIBUTE_HEADER;
            int checksum = 0;
            for (int i = dataStart; i < dataStart + length; i++) {
                checksum += stream[i] & 0xFF;
            }
            boolean checksumMatches = (checksum & 0xFFFF) == (bytes.getShort(dataStart + (int) length) & 0xFFFF);
            Attribute attribute = new Attribute(level, bytes.getShort(offset + 1) & 0xFFFF,
                    bytes.getShort(offset + 3) & 0xFFFF, offset, (int) length, checksumMatches);
            attributes.add(attribute);
            offset = attribute.end();
        }
        return new TnefStream(stream, attributes);
    }

    List<Attribute> attributes() {
        return attributes;
    }

    /** The data of {@code attribute}. */
    byte[] data(Attribute attribute) {
        int start = attribute.offset() + ATTRIBUTE_HEADER;
        return Arrays.copyOfRange(stream, start, start + attribute.length());
    }

    /** A TNEF stream of this stream's preamble and the given attributes only. */
    byte[] subset(List<Attribute> chosen) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(stream, 0, PREAMBLE);
        for (Attribute attribute : chosen) {
            out.write(stream, attribute.offset(), attribute.end() - attribute.offset());
        }
        return out.toByteArray();
    }
}
