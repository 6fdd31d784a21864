package org.c4tap.core.stix;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * UUIDs derived from a namespace and a name, never drawn at random, so that rendering the same
 * report again gives the same identifiers.
 */
final class DerivedUuid {

    private DerivedUuid() {
    }

    /**
     * The name-based UUID of RFC 4122 §4.3 with SHA-1 (version 5): the first 16 bytes of
     * SHA-1(namespace bytes ‖ UTF-8 name), with the version and variant bits set.
     */
    static UUID version5(UUID namespace, String name) {
        return withVersion(digest("SHA-1", namespace, name), 5);
    }

    /**
     * A version 4 UUID whose 122 free bits are SHA-256(namespace bytes ‖ UTF-8 name) rather than
     * fresh randomness: for where STIX asks for a UUIDv4 yet the rendering must still repeat itself.
     * Distinct names collide no more often than random UUIDs would.
     */
    static UUID version4(UUID namespace, String name) {
        return withVersion(digest("SHA-256", namespace, name), 4);
    }

    private static byte[] digest(String algorithm, UUID namespace, String name) {
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            digest.update(ByteBuffer.allocate(16)
                    .putLong(namespace.getMostSignificantBits())
                    .putLong(namespace.getLeastSignificantBits())
                    .array());
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides " + algorithm, e);
        }
    }

    private static UUID withVersion(byte[] hash, int version) {
        hash[6] = (byte) ((hash[6] & 0x0f) | (version << 4));
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }
}
