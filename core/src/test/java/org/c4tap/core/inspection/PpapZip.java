package org.c4tap.core.inspection;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.c4tap.core.sample.ZipCipher;

/**
 * A password-protected zip as Japanese business mail carries it ("PPAP"): traditional PKWARE
 * encryption, UTF-8 names. For tests outside this package, such as the end-to-end tests.
 */
public final class PpapZip {

    private PpapZip() {
    }

    /** The entries, deflated and encrypted with {@code password}, in the map's order. */
    public static byte[] of(Map<String, byte[]> entries, String password, long seed) {
        Random random = new Random(seed);
        byte[] key = password.getBytes(StandardCharsets.UTF_8);
        List<ZipBytes.Entry> encrypted = new ArrayList<>();
        entries.forEach((name, content) -> {
            ZipBytes.Entry plain = ZipBytes.Entry.deflated(name, content);
            encrypted.add(plain.withFlags(ZipBytes.ENCRYPTED | ZipBytes.UTF8)
                    .withData(ZipCipher.encrypt(key, plain.data(), plain.crc(), random)));
        });
        return ZipBytes.of(encrypted.toArray(ZipBytes.Entry[]::new));
    }

    /** A small Windows program's first bytes (an MZ header with a PE signature): what "executable by magic" detects. */
    public static byte[] windowsProgram() {
        return Documents.windowsProgram();
    }
}
