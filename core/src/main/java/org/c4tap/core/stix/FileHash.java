package org.c4tap.core.stix;

import java.util.function.Function;
import org.c4tap.core.fingerprint.Fingerprint;

/**
 * The hashes of an attachment's fingerprint, under their names in STIX's hash-algorithm-ov. They
 * are declared in the order of preference that STIX 2.1 §6.7 gives for choosing the one hash that
 * contributes to a file's identifier; a further hash (SSDEEP, TLSH) is one more constant at the
 * end, and an empty value means the fingerprint does not have that hash.
 */
enum FileHash {
    MD5("MD5", Fingerprint::md5),
    SHA_1("SHA-1", Fingerprint::sha1),
    SHA_256("SHA-256", Fingerprint::sha256),
    SHA_512("SHA-512", Fingerprint::sha512);

    private final String stixName;
    private final Function<Fingerprint, String> value;

    FileHash(String stixName, Function<Fingerprint, String> value) {
        this.stixName = stixName;
        this.value = value;
    }

    String stixName() {
        return stixName;
    }

    String of(Fingerprint fingerprint) {
        String hash = value.apply(fingerprint);
        return hash == null ? "" : hash;
    }
}
