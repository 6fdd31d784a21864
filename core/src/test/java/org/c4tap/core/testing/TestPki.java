package org.c4tap.core.testing;

import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.c4tap.core.pki.CertificateAuthority;

/** One CA and named S/MIME keys for the tests, made once per test run (RSA key generation is slow). */
public final class TestPki {

    private static final CertificateAuthority CA = newCa();
    private static final Map<String, CertificateAuthority.Issued> ISSUED = new ConcurrentHashMap<>();

    private TestPki() {
    }

    public static CertificateAuthority ca() {
        return CA;
    }

    /** The key for {@code name}, issued for {@code name@example.org} on first use. */
    public static CertificateAuthority.Issued key(String name) {
        return ISSUED.computeIfAbsent(name, ignored -> {
            try {
                return CA.issue(name, "Test " + name, List.of(name + "@example.org"), Duration.ofDays(30));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A second, unrelated CA, for keys no test registry trusts. */
    public static CertificateAuthority otherCa() {
        return newCa();
    }

    private static CertificateAuthority newCa() {
        try {
            return CertificateAuthority.create("Test CA", Duration.ofDays(60));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
