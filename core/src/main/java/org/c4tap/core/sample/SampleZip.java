package org.c4tap.core.sample;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Packs samples the way malware analysts exchange them: a zip whose entries are encrypted with the
 * traditional PKWARE scheme and the password {@value #PASSWORD}. The password protects nothing
 * (everyone knows it); it keeps mail filters and virus scanners from acting on the files and stops
 * anyone from opening one by a double click. The confidentiality comes from the S/MIME envelope
 * the zip travels in. Entries are named by SHA-256 alone, so no name can pose as a harmless file.
 */
public final class SampleZip {

    /** The analysts' convention. */
    public static final String PASSWORD = "infected";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int FLAG_ENCRYPTED = 0x0001;
    private static final int DEFLATED = 8;

    private SampleZip() {
    }

    /**
     * The zip entry name of a sample: its SHA-256 and nothing the attacker chose. The original
     * name (which may hide a right-to-left override, a path, or Japanese that unzip tools decode
     * differently) is in the parcel's manifest, beside the hash.
     */
    public static String entryName(Sample sample) {
        return sample.sha256() + ".sample";
    }

    /** The zip of {@code samples}, each entry deflated and encrypted with {@link #PASSWORD}. */
    public static byte[] pack(List<Sample> samples) {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        byte[] password = PASSWORD.getBytes(StandardCharsets.US_ASCII);
        for (Sample sample : samples) {
            byte[] name = entryName(sample).getBytes(StandardCharsets.US_ASCII);
            CRC32 crc32 = new CRC32();
            crc32.update(sample.bytes());
            long crc = crc32.getValue();
            byte[] compressed = deflate(sample.bytes());
            byte[] encrypted = ZipCipher.encrypt(password, compressed, crc, RANDOM);
            long offset = zip.size();
            int flags = FLAG_ENCRYPTED;
            // local file header
            u32(zip, LOCAL_HEADER);
            u16(zip, 20);
            u16(zip, flags);
            u16(zip, DEFLATED);
            u16(zip, 0);
            u16(zip, 0x21);
            u32(zip, crc);
            u32(zip, encrypted.length);
            u32(zip, sample.bytes().length);
            u16(zip, name.length);
            u16(zip, 0);
            zip.writeBytes(name);
            zip.writeBytes(encrypted);
            // central directory record
            u32(central, 0x02014b50);
            u16(central, 20);
            u16(central, 20);
            u16(central, flags);
            u16(central, 8);
            u16(central, 0);
            u16(central, 0x21);
            u32(central, crc);
            u32(central, encrypted.length);
            u32(central, sample.bytes().length);
            u16(central, name.length);
            u16(central, 0);
            u16(central, 0);
            u16(central, 0);
            u16(central, 0);
            u32(central, 0);
            u32(central, offset);
            central.writeBytes(name);
        }
        long centralOffset = zip.size();
        zip.writeBytes(central.toByteArray());
        u32(zip, 0x06054b50);
        u16(zip, 0);
        u16(zip, 0);
        u16(zip, samples.size());
        u16(zip, samples.size());
        u32(zip, central.size());
        u32(zip, centralOffset);
        u16(zip, 0);
        return zip.toByteArray();
    }

    /** One sample out of a parcel's zip: its entry name and its bytes. */
    public record Unpacked(String name, byte[] bytes) {
    }

    /**
     * Unpacks a parcel's zip with {@link #PASSWORD}, as an analyst's tool would, checking each
     * entry's CRC and refusing more than {@code maxTotalBytes} in all. It reads the zips
     * {@link #pack} writes (deflated, encrypted, sizes in the local headers), for the demo and
     * for checks; analysts use their own tools.
     *
     * @throws ZipException when the zip is not such a zip, the password does not
     *                                    fit, a CRC differs or the total passes the bound
     */
    public static List<Unpacked> unpack(byte[] zip, long maxTotalBytes) throws ZipException {
        ByteBuffer in = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        byte[] password = PASSWORD.getBytes(StandardCharsets.US_ASCII);
        List<Unpacked> unpacked = new ArrayList<>();
        long total = 0;
        try {
            while (in.remaining() >= 4 && in.getInt(in.position()) == LOCAL_HEADER) {
                in.position(in.position() + 6);
                int flags = Short.toUnsignedInt(in.getShort());
                int method = Short.toUnsignedInt(in.getShort());
                in.position(in.position() + 4);
                long crc = Integer.toUnsignedLong(in.getInt());
                long compressedSize = Integer.toUnsignedLong(in.getInt());
                long size = Integer.toUnsignedLong(in.getInt());
                int nameLength = Short.toUnsignedInt(in.getShort());
                int extraLength = Short.toUnsignedInt(in.getShort());
                byte[] name = new byte[nameLength];
                in.get(name);
                in.position(in.position() + extraLength);
                if ((flags & FLAG_ENCRYPTED) == 0 || method != DEFLATED || compressedSize > in.remaining()) {
                    throw new ZipException("not an entry of a sample zip");
                }
                total += size;
                if (total > maxTotalBytes) {
                    throw new ZipException("the samples pass " + maxTotalBytes + " bytes");
                }
                byte[] data = ZipCipher.decrypt(password, zip, in.position(), (int) compressedSize, crc)
                        .orElseThrow(() -> new ZipException("the password '" + PASSWORD + "' does not open it"));
                in.position(in.position() + (int) compressedSize);
                byte[] bytes = inflate(data, (int) size);
                CRC32 check = new CRC32();
                check.update(bytes);
                if (check.getValue() != crc) {
                    throw new ZipException("the CRC of " + new String(name, StandardCharsets.US_ASCII) + " differs");
                }
                unpacked.add(new Unpacked(new String(name, StandardCharsets.US_ASCII), bytes));
            }
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new ZipException("the zip is truncated");
        }
        return unpacked;
    }

    private static byte[] inflate(byte[] data, int size) throws ZipException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(data);
            byte[] out = new byte[size];
            int read = 0;
            while (read < size && !inflater.finished()) {
                int n = inflater.inflate(out, read, size - read);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                read += n;
            }
            if (read != size) {
                throw new ZipException("an entry inflates to " + read + " bytes, not " + size);
            }
            return out;
        } catch (DataFormatException e) {
            throw new ZipException("an entry does not inflate");
        } finally {
            inflater.end();
        }
    }

    private static byte[] deflate(byte[] content) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(content);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(content.length / 2 + 64);
            byte[] buffer = new byte[64 * 1024];
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
        out.write((value >>> 8) & 0xFF);
    }

    private static void u32(ByteArrayOutputStream out, long value) {
        u16(out, (int) (value & 0xFFFF));
        u16(out, (int) ((value >>> 16) & 0xFFFF));
    }
}
