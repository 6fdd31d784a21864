package org.c4tap.core.inspection;

import java.util.Optional;

/**
 * One central-directory record of a zip, with zip64 sizes and the AES method already resolved.
 *
 * @param rawName            the name's bytes as stored
 * @param utf8Flag           general-purpose bit 11: the name is declared UTF-8
 * @param unicodePath        the Info-ZIP Unicode path field's name, when its checksum matches the raw name
 * @param encrypted          bit 0 (traditional PKWARE or strong encryption) or WinZip AES
 * @param method             the compression method; for WinZip AES, the one inside the encryption
 * @param size               the declared uncompressed size
 * @param compressedSize     the declared compressed size
 * @param localHeaderOffset  where the local header starts, before correcting for prepended data
 */
record ZipRecord(byte[] rawName, boolean utf8Flag, Optional<String> unicodePath, boolean encrypted, int method,
        long size, long compressedSize, long localHeaderOffset) {

    static final int STORED = 0;
    static final int DEFLATED = 8;
    static final int DEFLATE64 = 9;
    static final int BZIP2 = 12;
    static final int ZSTANDARD = 93;
    static final int WINZIP_AES = 99;

    EntryName name() {
        if (unicodePath.isPresent()) {
            return new EntryName(unicodePath.get(), NameEncoding.UTF_8);
        }
        return utf8Flag ? EntryName.flaggedUtf8(rawName, NameEncoding.CP437) : EntryName.guess(rawName, NameEncoding.CP437);
    }

    static boolean readable(int method) {
        return method == STORED || method == DEFLATED || method == DEFLATE64 || method == BZIP2;
    }
}
