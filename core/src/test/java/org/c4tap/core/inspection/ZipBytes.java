package org.c4tap.core.inspection;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes zip files field by field, for the archives zip libraries refuse to write: undeclared
 * Shift_JIS names, lying sizes, encrypted entries, central records sharing local data.
 */
final class ZipBytes {

    static final int ENCRYPTED = 0x0001;
    static final int UTF8 = 0x0800;

    /** One entry as written: every header field is the test's to choose. */
    record Entry(byte[] name, int flags, int method, byte[] data, long crc, long size, long compressedSize,
            byte[] extra) {

        static Entry stored(String name, byte[] content) {
            return new Entry(name.getBytes(StandardCharsets.UTF_8), 0, 0, content, ZipBytes.crc(content), content.length,
                    content.length, new byte[0]);
        }

        static Entry deflated(String name, byte[] content) {
            byte[] data = deflate(content);
            return new Entry(name.getBytes(StandardCharsets.UTF_8), 0, 8, data, ZipBytes.crc(content), content.length,
                    data.length, new byte[0]);
        }

        Entry withName(byte[] rawName) {
            return new Entry(rawName, flags, method, data, crc, size, compressedSize, extra);
        }

        Entry withFlags(int newFlags) {
            return new Entry(name, newFlags, method, data, crc, size, compressedSize, extra);
        }

        Entry withMethod(int newMethod) {
            return new Entry(name, flags, newMethod, data, crc, size, compressedSize, extra);
        }

        /** Replaces the stored bytes and the compressed size, keeping the declared size and CRC. */
        Entry withData(byte[] newData) {
            return new Entry(name, flags, method, newData, crc, size, newData.length, extra);
        }

        Entry withSizes(long newSize, long newCompressedSize) {
            return new Entry(name, flags, method, data, crc, newSize, newCompressedSize, extra);
        }

        Entry withExtra(byte[] newExtra) {
            return new Entry(name, flags, method, data, crc, size, compressedSize, newExtra);
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream central = new ByteArrayOutputStream();
    private int records;

    static byte[] of(Entry... entries) {
        ZipBytes zip = new ZipBytes();
        for (Entry entry : entries) {
            zip.central(entry, zip.local(entry));
        }
        return zip.finish();
    }

    /** Writes bytes that belong to no entry, such as a self-extractor's program before the archive. */
    ZipBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** Writes the entry's local header and data; returns where the header starts. */
    long local(Entry entry) {
        long offset = out.size();
        out.writeBytes(localHeader(entry));
        out.writeBytes(entry.data());
        return offset;
    }

    static byte[] localHeader(Entry entry) {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        u32(header, 0x04034b50);
        u16(header, 20);
        u16(header, entry.flags());
        u16(header, entry.method());
        u16(header, 0);
        u16(header, 0x21);
        u32(header, entry.crc());
        u32(header, entry.compressedSize());
        u32(header, entry.size());
        u16(header, entry.name().length);
        u16(header, entry.extra().length);
        header.writeBytes(entry.name());
        header.writeBytes(entry.extra());
        return header.toByteArray();
    }

    /** Queues a central-directory record for the entry, pointing at a local header of the test's choice. */
    ZipBytes central(Entry entry, long localHeaderOffset) {
        u32(central, 0x02014b50);
        u16(central, 20);
        u16(central, 20);
        u16(central, entry.flags());
        u16(central, entry.method());
        u16(central, 0);
        u16(central, 0x21);
        u32(central, entry.crc());
        u32(central, entry.compressedSize());
        u32(central, entry.size());
        u16(central, entry.name().length);
        u16(central, entry.extra().length);
        u16(central, 0);
        u16(central, 0);
        u16(central, 0);
        u32(central, 0);
        u32(central, localHeaderOffset);
        central.writeBytes(entry.name());
        central.writeBytes(entry.extra());
        records++;
        return this;
    }

    /** Writes the central directory and its end record. */
    byte[] finish() {
        long start = out.size();
        out.writeBytes(central.toByteArray());
        u32(out, 0x06054b50);
        u16(out, 0);
        u16(out, 0);
        u16(out, records);
        u16(out, records);
        u32(out, central.size());
        u32(out, start);
        u16(out, 0);
        return out.toByteArray();
    }

    /** Info-ZIP's Unicode path field: the UTF-8 name, valid for raw names with this CRC. */
    static byte[] unicodePathField(String utf8Name, long rawNameCrc) {
        byte[] name = utf8Name.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream field = new ByteArrayOutputStream();
        u16(field, 0x7075);
        u16(field, 5 + name.length);
        field.write(1);
        u32(field, rawNameCrc);
        field.writeBytes(name);
        return field.toByteArray();
    }

    /** The zip64 field carrying the uncompressed size of a record whose size field says 0xFFFFFFFF. */
    static byte[] zip64SizeField(long size) {
        ByteArrayOutputStream field = new ByteArrayOutputStream();
        u16(field, 0x0001);
        u16(field, 8);
        u32(field, size & 0xFFFFFFFFL);
        u32(field, size >>> 32);
        return field.toByteArray();
    }

    /** WinZip's AES field: AE-2, AES-256, deflate inside. */
    static byte[] winZipAesField() {
        ByteArrayOutputStream field = new ByteArrayOutputStream();
        u16(field, 0x9901);
        u16(field, 7);
        u16(field, 2);
        field.write('A');
        field.write('E');
        field.write(3);
        u16(field, 8);
        return field.toByteArray();
    }

    static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    static byte[] deflate(byte[] content) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(content);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void u16(ByteArrayOutputStream out, int value) {
        out.write(value & 0xFF);
        out.write(value >>> 8 & 0xFF);
    }

    private static void u32(ByteArrayOutputStream out, long value) {
        u16(out, (int) (value & 0xFFFF));
        u16(out, (int) (value >>> 16 & 0xFFFF));
    }
}
