package org.c4tap.core.outlook;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;

/**
 * What the header and allocation table of an OLE2 compound file ([MS-CFB]) say about its size,
 * read from the raw bytes before POIFS sees them. POIFS reserves a buffer as large as the header's
 * allocation table could address, so a few hostile header bytes could make it reserve gigabytes;
 * and a file cut short may still parse while the sectors it needs are missing.
 *
 * @param sectorSize     512 or 4096
 * @param fatSectors     how many allocation table sectors the header declares
 * @param requiredLength where the last sector in use ends: a shorter file has been cut
 */
record CompoundFileLayout(int sectorSize, int fatSectors, long requiredLength) {

    private static final byte[] SIGNATURE = {
        (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    static final int HEADER_BYTES = 512;
    private static final int HEADER_FAT_ENTRIES = 109;
    private static final int FREE_SECTOR = 0xFFFFFFFF;
    private static final int LAST_REGULAR_SECTOR = 0xFFFFFFFA;

    /** Whether the input begins with (as much as it has of) the compound file signature. */
    static boolean looksLikeCompoundFile(byte[] file) {
        int compared = Math.min(file.length, SIGNATURE.length);
        return compared > 0 && Arrays.equals(file, 0, compared, SIGNATURE, 0, compared);
    }

    /** The layout, or empty when the header is incomplete or not a compound file header. */
    static Optional<CompoundFileLayout> of(byte[] file) {
        if (file.length < HEADER_BYTES || !looksLikeCompoundFile(file)) {
            return Optional.empty();
        }
        ByteBuffer header = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int sectorShift = header.getShort(30);
        if (sectorShift != 9 && sectorShift != 12) {
            return Optional.empty();
        }
        int sectorSize = 1 << sectorShift;
        int fatSectors = header.getInt(44);
        if (fatSectors < 0) {
            return Optional.empty();
        }
        long required = sectorSize;
        int entriesPerSector = sectorSize / 4;
        long sectorsInFile = file.length / sectorSize;
        // Each allocation sector costs a scan; one more than the file can hold shows a cut file,
        // so the work stays linear in the file whatever the header declares.
        long fatToScan = Math.min(fatSectors, sectorsInFile + 1);
        int fatSeen = 0;
        for (int i = 0; i < HEADER_FAT_ENTRIES && fatSeen < fatToScan; i++, fatSeen++) {
            required = Math.max(required, fatSectorNeeds(file, header.getInt(76 + 4 * i), fatSeen, sectorSize));
        }
        // Further allocation table sectors are listed in a chain of DIFAT sectors.
        int difat = header.getInt(68);
        int difatSectors = header.getInt(72);
        for (int d = 0; d < difatSectors && d <= sectorsInFile && fatSeen < fatToScan && isRegular(difat); d++) {
            long difatOffset = offsetOf(difat, sectorSize);
            required = Math.max(required, difatOffset + sectorSize);
            if (difatOffset + sectorSize > file.length) {
                break;
            }
            for (int i = 0; i < entriesPerSector - 1 && fatSeen < fatToScan; i++, fatSeen++) {
                int fat = header.getInt((int) difatOffset + 4 * i);
                required = Math.max(required, fatSectorNeeds(file, fat, fatSeen, sectorSize));
            }
            difat = header.getInt((int) difatOffset + 4 * (entriesPerSector - 1));
        }
        return Optional.of(new CompoundFileLayout(sectorSize, fatSectors, required));
    }

    /**
     * Whether the buffer POIFS reserves for this file ({@code BATBlock.calculateMaximumSize}: all
     * that the allocation table could address) stays within twice the file plus the reach of one
     * allocation table sector. A sound file's table addresses little more than the file itself;
     * the factor of two leaves room for a file that was merely cut short.
     */
    boolean poifsReservationFits(int fileLength) {
        long reserved = (1L + (long) fatSectors * (sectorSize / 4)) * sectorSize;
        long oneFatSectorReach = (long) sectorSize / 4 * sectorSize;
        return reserved <= 2L * fileLength + oneFatSectorReach;
    }

    /**
     * Where the sectors described by the {@code index}-th allocation table sector end: past that
     * sector itself, and past the last sector it marks as in use.
     */
    private static long fatSectorNeeds(byte[] file, int fatSector, int index, int sectorSize) {
        if (!isRegular(fatSector)) {
            return 0;
        }
        long offset = offsetOf(fatSector, sectorSize);
        if (offset + sectorSize > file.length) {
            return offset + sectorSize;
        }
        ByteBuffer fat = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int entries = sectorSize / 4;
        for (int j = entries - 1; j >= 0; j--) {
            if (fat.getInt((int) offset + 4 * j) != FREE_SECTOR) {
                long lastInUse = (long) index * entries + j;
                return Math.max(offset, offsetOf(lastInUse, sectorSize)) + sectorSize;
            }
        }
        return offset + sectorSize;
    }

    private static boolean isRegular(int sector) {
        return Integer.compareUnsigned(sector, LAST_REGULAR_SECTOR) <= 0;
    }

    private static long offsetOf(int sector, int sectorSize) {
        return offsetOf(Integer.toUnsignedLong(sector), sectorSize);
    }

    private static long offsetOf(long sector, int sectorSize) {
        return (sector + 1) * sectorSize;
    }
}
