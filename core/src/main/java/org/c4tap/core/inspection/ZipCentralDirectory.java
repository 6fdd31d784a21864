package org.c4tap.core.inspection;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * The central directory of a zip, found from its end record (zip64 included) and read record by
 * record without trusting counts or offsets. Read by hand because commons-compress's ZipFile holds
 * every record before the first can be looked at, refuses a whole archive over one malformed
 * record, and does not show where entries' data overlaps.
 */
final class ZipCentralDirectory {

    private static final int END_RECORD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_END_RECORD = 0x06064b50;
    private static final int CENTRAL_RECORD = 0x02014b50;
    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int END_RECORD_SIZE = 22;
    private static final int CENTRAL_RECORD_SIZE = 46;
    private static final int LOCAL_HEADER_SIZE = 30;
    private static final int ZIP64_FIELD = 0x0001;
    private static final int UNICODE_PATH_FIELD = 0x7075;
    private static final int WINZIP_AES_FIELD = 0x9901;
    private static final long MAX_32 = 0xFFFFFFFFL;

    /** Where one entry's local header and data lie. */
    record LocalData(long headerStart, long dataStart, byte[] rawName) {
    }

    private final byte[] zip;
    private final int start;
    private final int end;
    private final long declaredCount;
    private final long shift;

    private ZipCentralDirectory(byte[] zip, int start, int end, long declaredCount, long shift) {
        this.zip = zip;
        this.start = start;
        this.end = end;
        this.declaredCount = declaredCount;
        this.shift = shift;
    }

    /** The central directory, or nothing when no consistent end record points at one. */
    static Optional<ZipCentralDirectory> locate(byte[] zip) {
        int lowest = Math.max(0, zip.length - END_RECORD_SIZE - 0xFFFF);
        for (int at = zip.length - END_RECORD_SIZE; at >= lowest; at--) {
            if (u32(zip, at) == END_RECORD) {
                Optional<ZipCentralDirectory> directory = fromEndRecord(zip, at);
                if (directory.isPresent()) {
                    return directory;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<ZipCentralDirectory> fromEndRecord(byte[] zip, int at) {
        long count = u16(zip, at + 10);
        long size = u32(zip, at + 12);
        long offset = u32(zip, at + 16);
        long end = at;
        int locator = at - 20;
        if (locator >= 0 && u32(zip, locator) == ZIP64_LOCATOR) {
            long zip64End = u64(zip, locator + 8);
            if (zip64End >= 0 && zip64End <= locator - 56 && u32(zip, (int) zip64End) == ZIP64_END_RECORD) {
                int z = (int) zip64End;
                count = u64(zip, z + 32);
                size = u64(zip, z + 40);
                offset = u64(zip, z + 48);
                end = z;
            }
        }
        if (size < 0 || offset < 0 || size > end) {
            return Optional.empty();
        }
        // Self-extractors and other prefixes move the archive; the directory then sits `shift` bytes later than declared.
        long expectedStart = end - size;
        for (long candidate : new long[] {offset, expectedStart}) {
            if (candidate <= end - 4 && u32(zip, (int) candidate) == CENTRAL_RECORD) {
                return Optional.of(new ZipCentralDirectory(zip, (int) candidate, (int) end, count, candidate - offset));
            }
        }
        if (count == 0 && size == 0) {
            return Optional.of(new ZipCentralDirectory(zip, (int) end, (int) end, 0, 0));
        }
        return Optional.empty();
    }

    /** How a walk through the directory went: how many records it visited, and whether it reached the end intact. */
    record Walk(long records, boolean intact) {
    }

    /** Visits every record in order, stopping at the end or at the first damage. */
    Walk forEach(Consumer<ZipRecord> visitor) {
        int at = start;
        long seen = 0;
        while (at + CENTRAL_RECORD_SIZE <= end && u32(zip, at) == CENTRAL_RECORD) {
            int nameLength = u16(zip, at + 28);
            int extraLength = u16(zip, at + 30);
            int commentLength = u16(zip, at + 32);
            int next = at + CENTRAL_RECORD_SIZE + nameLength + extraLength + commentLength;
            if (next > end) {
                return new Walk(seen, false);
            }
            visitor.accept(record(at, nameLength, extraLength));
            seen++;
            at = next;
        }
        return new Walk(seen, at == end && seen >= declaredCount);
    }

    /** Where an entry's local header and data start, if a local header is where the record says. */
    Optional<LocalData> localData(ZipRecord record) {
        long header = record.localHeaderOffset() + shift;
        if (header < 0 || header > zip.length - LOCAL_HEADER_SIZE || u32(zip, (int) header) != LOCAL_HEADER) {
            return Optional.empty();
        }
        int at = (int) header;
        int nameLength = u16(zip, at + 26);
        int extraLength = u16(zip, at + 28);
        if (at + LOCAL_HEADER_SIZE + nameLength > zip.length) {
            return Optional.empty();
        }
        byte[] name = Arrays.copyOfRange(zip, at + LOCAL_HEADER_SIZE, at + LOCAL_HEADER_SIZE + nameLength);
        return Optional.of(new LocalData(header, header + LOCAL_HEADER_SIZE + nameLength + extraLength, name));
    }

    private ZipRecord record(int at, int nameLength, int extraLength) {
        int flags = u16(zip, at + 8);
        int method = u16(zip, at + 10);
        long compressedSize = u32(zip, at + 20);
        long size = u32(zip, at + 24);
        long localHeaderOffset = u32(zip, at + 42);
        byte[] rawName = Arrays.copyOfRange(zip, at + CENTRAL_RECORD_SIZE, at + CENTRAL_RECORD_SIZE + nameLength);
        boolean encrypted = (flags & 0x0001) != 0 || (flags & 0x0040) != 0 || method == ZipRecord.WINZIP_AES;
        Optional<String> unicodePath = Optional.empty();

        int field = at + CENTRAL_RECORD_SIZE + nameLength;
        int fieldsEnd = field + extraLength;
        while (field + 4 <= fieldsEnd) {
            int id = u16(zip, field);
            int length = u16(zip, field + 2);
            int data = field + 4;
            if (data + length > fieldsEnd) {
                break;
            }
            switch (id) {
                case ZIP64_FIELD -> {
                    // Only the values the record leaves at their maximum are present, in this order.
                    int value = data;
                    if (size == MAX_32 && value + 8 <= data + length) {
                        size = unsigned(u64(zip, value));
                        value += 8;
                    }
                    if (compressedSize == MAX_32 && value + 8 <= data + length) {
                        compressedSize = unsigned(u64(zip, value));
                        value += 8;
                    }
                    if (localHeaderOffset == MAX_32 && value + 8 <= data + length) {
                        localHeaderOffset = unsigned(u64(zip, value));
                    }
                }
                case UNICODE_PATH_FIELD -> {
                    if (length > 5 && zip[data] == 1 && u32(zip, data + 1) == crc(rawName)) {
                        unicodePath = Optional.of(new String(zip, data + 5, length - 5, StandardCharsets.UTF_8));
                    }
                }
                case WINZIP_AES_FIELD -> {
                    if (length >= 7) {
                        encrypted = true;
                        method = u16(zip, data + 5);
                    }
                }
                default -> {
                }
            }
            field = data + length;
        }
        return new ZipRecord(rawName, (flags & 0x0800) != 0, unicodePath, encrypted, method, size, compressedSize,
                localHeaderOffset);
    }

    /** A size beyond a signed long is a lie; it stays the largest size there is rather than turning negative. */
    private static long unsigned(long value) {
        return value < 0 ? Long.MAX_VALUE : value;
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int at) {
        if (at < 0 || at > b.length - 4) {
            return -1;
        }
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }

    private static long u64(byte[] b, int at) {
        if (at < 0 || at > b.length - 8) {
            return -1;
        }
        return u32(b, at) | u32(b, at + 4) << 32;
    }
}
