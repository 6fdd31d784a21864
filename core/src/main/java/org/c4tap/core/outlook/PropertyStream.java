package org.c4tap.core.outlook;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The fixed-size property values of one storage of a {@code .msg}, from its
 * {@code __properties_version1.0} stream ([MS-OXMSG] 2.4): a header, then 16-byte entries of tag,
 * flags and an 8-byte value. Variable-size values live in streams of their own and are not here.
 */
record PropertyStream(Map<Integer, Long> values) {

    static final String NAME = "__properties_version1.0";
    static final int ENTRY_BYTES = 16;

    /** The header before the entries, which differs by the kind of storage ([MS-OXMSG] 2.4.1). */
    enum Header {
        TOP_LEVEL_MESSAGE(32),
        EMBEDDED_MESSAGE(24),
        RECIPIENT_OR_ATTACHMENT(8);

        final int bytes;

        Header(int bytes) {
            this.bytes = bytes;
        }
    }

    /** FILETIME counts 100 ns ticks from 1601-01-01; this is 1970-01-01 in those ticks. */
    private static final long FILETIME_UNIX_EPOCH = 116_444_736_000_000_000L;
    private static final Instant EARLIEST_DATE = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LATEST_DATE = Instant.parse("9999-12-31T23:59:59Z");

    static final PropertyStream EMPTY = new PropertyStream(Map.of());

    PropertyStream {
        values = Map.copyOf(values);
    }

    /** The entries of {@code stream}; a trailing partial entry is ignored (see {@link #isWhole}). */
    static PropertyStream parse(byte[] stream, Header header) {
        ByteBuffer buffer = ByteBuffer.wrap(stream).order(ByteOrder.LITTLE_ENDIAN);
        Map<Integer, Long> values = new HashMap<>();
        for (int at = header.bytes; at + ENTRY_BYTES <= stream.length; at += ENTRY_BYTES) {
            values.putIfAbsent(buffer.getInt(at), buffer.getLong(at + 8));
        }
        return new PropertyStream(values);
    }

    /** Whether {@code length} bytes hold the header and whole entries only. */
    static boolean isWhole(int length, Header header) {
        return length >= header.bytes && (length - header.bytes) % ENTRY_BYTES == 0;
    }

    /** A 32-bit integer property, such as the recipient type or attach method. */
    OptionalLong integer(MapiProperty property) {
        Long value = values.get(property.tag(MapiType.INTEGER32));
        return value == null ? OptionalLong.empty() : OptionalLong.of(value.intValue());
    }

    /** A time property, when it is a plausible mail date (1900 to 9999). */
    Optional<Instant> time(MapiProperty property) {
        Long ticks = values.get(property.tag(MapiType.TIME));
        if (ticks == null || ticks <= 0) {
            return Optional.empty();
        }
        long sinceEpoch = ticks - FILETIME_UNIX_EPOCH;
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(sinceEpoch, 10_000_000L),
                Math.floorMod(sinceEpoch, 10_000_000L) * 100);
        return instant.isBefore(EARLIEST_DATE) || instant.isAfter(LATEST_DATE) ? Optional.empty() : Optional.of(instant);
    }
}
