package org.c4tap.bench.input;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Attachment contents made from a seed, so that every run (and every tool the run compares with)
 * hashes the same bytes, with nothing downloaded.
 */
public final class SampleBytes {

    private SampleBytes() {
    }

    /** Incompressible bytes, as an encrypted archive or a compressed video would be. */
    public static byte[] random(long seed, int size) {
        byte[] bytes = new byte[size];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i += 8) {
            long value = random.nextLong();
            for (int j = 0; j < 8 && i + j < size; j++) {
                bytes[i + j] = (byte) (value >>> (8 * j));
            }
        }
        return bytes;
    }

    /**
     * A zip of about {@code size} bytes shaped like a targeted attack's attachment: a document with a
     * double extension (incompressible body, stored) and a short text, with fixed timestamps.
     */
    public static byte[] zip(long seed, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 1024);
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            byte[] readme = ("請求書をご確認のうえ、本日中にご返信ください。\r\nPlease check the invoice and reply today.\r\n")
                    .repeat(20).getBytes(StandardCharsets.UTF_8);
            zip.putNextEntry(entry("readme.txt"));
            zip.write(readme);
            zip.closeEntry();
            byte[] body = random(seed, Math.max(0, size - readme.length / 4 - 400));
            // an MZ header, so the inspector sees an executable behind the document's name
            body[0] = 'M';
            body[1] = 'Z';
            ZipEntry stored = entry("請求書_2026年1月.pdf.exe");
            stored.setMethod(ZipEntry.STORED);
            stored.setSize(body.length);
            CRC32 crc = new CRC32();
            crc.update(body);
            stored.setCrc(crc.getValue());
            zip.putNextEntry(stored);
            zip.write(body);
            zip.closeEntry();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toByteArray();
    }

    /** A PNG signature and header followed by incompressible bytes: an inline logo, as far as anyone reads it. */
    public static byte[] png(long seed, int size) {
        byte[] bytes = random(seed, size);
        byte[] header = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        System.arraycopy(header, 0, bytes, 0, Math.min(header.length, size));
        return bytes;
    }

    private static ZipEntry entry(String name) {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(1_767_225_600_000L); // 2026-01-01T00:00:00Z
        return entry;
    }
}
