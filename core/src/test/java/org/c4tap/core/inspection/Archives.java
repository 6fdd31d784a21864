package org.c4tap.core.inspection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZOutputFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/** Archives written with ordinary libraries, entries in the map's order. */
final class Archives {

    private static final int CHUNK = 1024 * 1024;

    private Archives() {
    }

    static byte[] zip(Map<String, byte[]> entries) {
        return zip(StandardCharsets.UTF_8, entries);
    }

    /** With a charset other than UTF-8 the JDK writes names in it and leaves the UTF-8 flag unset. */
    static byte[] zip(Charset names, Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, names)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A zip of one deflated entry of {@code count} zeros, built without ever holding the zeros in memory. */
    static byte[] zipOfZeros(String name, long count) {
        byte[] deflated = deflatedZeros(count);
        CRC32 crc = new CRC32();
        byte[] chunk = new byte[CHUNK];
        for (long left = count; left > 0; left -= chunk.length) {
            crc.update(chunk, 0, (int) Math.min(chunk.length, left));
        }
        return ZipBytes.of(new ZipBytes.Entry(name.getBytes(StandardCharsets.UTF_8), 0, 8, deflated, crc.getValue(),
                count, deflated.length, new byte[0]));
    }

    /** {@code count} zeros as raw deflate data, written in chunks. */
    static byte[] deflatedZeros(long count) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // The fastest level still packs zeros more than 200 times, and keeps the tests quick.
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        try (DeflaterOutputStream out = new DeflaterOutputStream(bytes, deflater)) {
            writeZeros(out, count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    static byte[] tar(Map<String, byte[]> entries) {
        return tar(StandardCharsets.UTF_8.name(), false, entries);
    }

    /** Names ending in {@code /} become directories. */
    static byte[] tar(String nameEncoding, boolean paxForNonAscii, Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, nameEncoding)) {
            tar.setAddPaxHeadersForNonAsciiNames(paxForNonAscii);
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                TarArchiveEntry header = new TarArchiveEntry(entry.getKey());
                header.setSize(entry.getKey().endsWith("/") ? 0 : entry.getValue().length);
                tar.putArchiveEntry(header);
                if (!entry.getKey().endsWith("/")) {
                    tar.write(entry.getValue());
                }
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @param name the header's file name, or null for none */
    static byte[] gzip(byte[] content, String name) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GzipParameters parameters = new GzipParameters();
        if (name != null) {
            parameters.setFileName(name);
            parameters.setFileNameCharset(StandardCharsets.UTF_8);
        }
        try (GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(bytes, parameters)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] gzipOfZeros(long count) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GzipParameters fast = new GzipParameters();
        fast.setCompressionLevel(Deflater.BEST_SPEED);
        try (GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(bytes, fast)) {
            writeZeros(gzip, count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @param password null for none; with one, content is AES-encrypted but names stay readable */
    static byte[] sevenZ(Map<String, byte[]> entries, char[] password) {
        SeekableInMemoryByteChannel channel = new SeekableInMemoryByteChannel();
        try (SevenZOutputFile sevenZ = new SevenZOutputFile(channel, password)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                SevenZArchiveEntry header = new SevenZArchiveEntry();
                header.setName(entry.getKey());
                sevenZ.putArchiveEntry(header);
                sevenZ.write(entry.getValue());
                sevenZ.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Arrays.copyOf(channel.array(), (int) channel.size());
    }

    static byte[] sevenZOfZeros(String name, long count) {
        SeekableInMemoryByteChannel channel = new SeekableInMemoryByteChannel();
        try (SevenZOutputFile sevenZ = new SevenZOutputFile(channel)) {
            SevenZArchiveEntry header = new SevenZArchiveEntry();
            header.setName(name);
            sevenZ.putArchiveEntry(header);
            writeZeros(sevenZ, count);
            sevenZ.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Arrays.copyOf(channel.array(), (int) channel.size());
    }

    private static void writeZeros(SevenZOutputFile out, long count) throws IOException {
        byte[] chunk = new byte[CHUNK];
        for (long left = count; left > 0; left -= chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
    }

    private static void writeZeros(OutputStream out, long count) throws IOException {
        byte[] chunk = new byte[CHUNK];
        for (long left = count; left > 0; left -= chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
    }
}
