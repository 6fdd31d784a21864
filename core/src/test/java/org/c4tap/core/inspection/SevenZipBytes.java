package org.c4tap.core.inspection;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * Writes the 7z archive commons-compress cannot: one whose headers are encrypted, as 7-Zip writes
 * it with "encrypt file names" (-mhe=on). The encrypted bytes are dummies; without the password
 * nobody can tell.
 */
final class SevenZipBytes {

    private SevenZipBytes() {
    }

    static byte[] withEncryptedHeaders() {
        byte[] packed = new byte[16];
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.writeBytes(new byte[] {
                0x17,                               // encoded header
                0x06, 0x00, 0x01, 0x09, 0x10, 0x00, // pack info: at 0, one stream of 16 bytes
                0x07, 0x0B, 0x01, 0x00,             // unpack info: one folder, inline
                0x01, 0x24, 0x06, (byte) 0xF1, 0x07, 0x01, // one coder: AES-256 + SHA-256, with properties
                0x22});                             // 34 bytes of properties
        header.write(0xC0 | 19);                    // salt and IV present, 2^19 rounds
        header.write(0xFF);                         // 16 bytes of salt, 16 of IV
        header.writeBytes(new byte[32]);
        header.writeBytes(new byte[] {
                0x0C, 0x0A,                         // the header unpacks to 10 bytes
                0x00,                               // end of unpack info
                0x00});                             // end of streams info
        byte[] next = header.toByteArray();

        ByteBuffer start = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        start.putLong(packed.length).putLong(next.length).putInt((int) crc(next));
        ByteBuffer signature = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        signature.put(new byte[] {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C, 0, 4});
        signature.putInt((int) crc(start.array()));
        signature.put(start.array());

        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        archive.writeBytes(signature.array());
        archive.writeBytes(packed);
        archive.writeBytes(next);
        return archive.toByteArray();
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }
}
