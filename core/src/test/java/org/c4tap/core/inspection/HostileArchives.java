package org.c4tap.core.inspection;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Archive bombs and traps, built byte by byte, for tests outside this package (the hostile corpus):
 * 42.zip-style nesting, overlapping and shared entries, lying sizes, zips of zeros, encrypted zips
 * and zips holding zips. Deterministic: the same arguments give the same bytes.
 */
public final class HostileArchives {

    private HostileArchives() {
    }

    /**
     * Like 42.zip: {@code levels} levels of {@code fanout} copies of the level below, the innermost
     * declaring {@code fanout} entries of almost 4 GB each in a few bytes.
     */
    public static byte[] fortyTwo(int levels, int fanout) {
        ZipBytes.Entry[] huge = new ZipBytes.Entry[fanout];
        for (int i = 0; i < fanout; i++) {
            huge[i] = ZipBytes.Entry.deflated(Integer.toHexString(i) + ".dat", new byte[10]).withSizes(0xFFFF_FFFEL, 12);
        }
        byte[] archive = ZipBytes.of(huge);
        for (int level = 1; level < levels; level++) {
            Map<String, byte[]> copies = new LinkedHashMap<>();
            for (int i = 0; i < fanout; i++) {
                copies.put("lib " + Integer.toHexString(i) + ".zip", archive);
            }
            archive = Archives.zip(copies);
        }
        return archive;
    }

    /** David Fifield's overlapping bomb: each entry's stored data is the next entry's local header and data. */
    public static byte[] overlapping(int entries) {
        ZipBytes.Entry last = ZipBytes.Entry.stored("kernel.txt", "kernel".getBytes(StandardCharsets.US_ASCII));
        ZipBytes.Entry[] chain = new ZipBytes.Entry[entries];
        chain[entries - 1] = last;
        for (int i = entries - 2; i >= 0; i--) {
            ZipBytes.Entry next = chain[i + 1];
            byte[] quoted = concat(ZipBytes.localHeader(next), quotedData(chain, i + 1));
            chain[i] = ZipBytes.Entry.stored("q" + i + ".txt", quoted);
        }
        ZipBytes zip = new ZipBytes();
        long offset = zip.local(chain[0]);
        long at = offset;
        for (ZipBytes.Entry entry : chain) {
            zip.central(entry, at);
            at += ZipBytes.localHeader(entry).length;
        }
        return zip.finish();
    }

    private static byte[] quotedData(ZipBytes.Entry[] chain, int index) {
        return chain[index].data();
    }

    /** {@code records} central records all pointing at one local entry. */
    public static byte[] sharedEntries(int records, long seed) {
        byte[] content = new byte[4096];
        new Random(seed).nextBytes(content);
        ZipBytes.Entry entry = ZipBytes.Entry.stored("part.bin", content);
        ZipBytes zip = new ZipBytes();
        long shared = zip.local(entry);
        for (int i = 0; i < records; i++) {
            zip.central(entry, shared);
        }
        return zip.finish();
    }

    /** One deflated entry of {@code count} zeros. */
    public static byte[] zipOfZeros(String name, long count) {
        return Archives.zipOfZeros(name, count);
    }

    /** An entry that declares {@code declared} bytes but inflates to {@code actual} zeros. */
    public static byte[] lyingSize(long declared, long actual) {
        byte[] deflated = Archives.deflatedZeros(actual);
        return ZipBytes.of(ZipBytes.Entry.stored("small.txt", new byte[0]).withMethod(8).withData(deflated)
                .withSizes(declared, deflated.length));
    }

    /** A Zip64 entry declaring {@code size} bytes. */
    public static byte[] zip64Declaring(long size) {
        return ZipBytes.of(ZipBytes.Entry.deflated("disk.img", new byte[100]).withSizes(0xFFFF_FFFFL, 20)
                .withExtra(ZipBytes.zip64SizeField(size)));
    }

    public static byte[] gzipOfZeros(long count) {
        return Archives.gzipOfZeros(count);
    }

    /** A gzip of {@code content}. */
    public static byte[] gzip(byte[] content) {
        return Archives.gzip(content, "inner");
    }

    public static byte[] sevenZipOfZeros(long count) {
        return Archives.sevenZOfZeros("zeros.bin", count);
    }

    /** A zip with traditional PKWARE encryption ("PPAP"). */
    public static byte[] encrypted(Map<String, byte[]> entries, String password, long seed) {
        return PpapZip.of(entries, password, seed);
    }

    /** A zip whose one entry is marked WinZip AES-encrypted. */
    public static byte[] aesEncrypted(String name, byte[] content) {
        ZipBytes.Entry plain = ZipBytes.Entry.stored(name, content);
        return ZipBytes.of(plain.withFlags(ZipBytes.ENCRYPTED | ZipBytes.UTF8).withMethod(99).withExtra(ZipBytes.winZipAesField()));
    }

    /** A 7z archive whose headers, and so its names, are encrypted. */
    public static byte[] sevenZipWithEncryptedNames() {
        return SevenZipBytes.withEncryptedHeaders();
    }

    /** A zip holding a zip holding … {@code depth} archives deep, the innermost holding {@code content}. */
    public static byte[] zipOfZips(int depth, String innermostName, byte[] content) {
        byte[] archive = Archives.zip(Map.of(innermostName, content));
        for (int level = 1; level < depth; level++) {
            archive = Archives.zip(Map.of("level" + (depth - level) + ".zip", archive));
        }
        return archive;
    }

    /** An ordinary zip of the entries, in the map's order. */
    public static byte[] zip(Map<String, byte[]> entries) {
        return Archives.zip(entries);
    }

    /** A zip with {@code count} small entries. */
    public static byte[] manyEntries(int count) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            entries.put("f" + i + ".txt", new byte[] {(byte) i});
        }
        return Archives.zip(entries);
    }

    /** A Windows program's first bytes. */
    public static byte[] windowsProgram() {
        return Documents.windowsProgram();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
