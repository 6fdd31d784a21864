package org.c4tap.cli.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.c4tap.cli.pki.DemoPki;
import org.c4tap.core.smime.KeystorePassword;

/**
 * Where the command finds a key store's password, never on its command line: {@code --password-file},
 * else the environment variable {@value #ENVIRONMENT}, else a {@code keystore-password} file beside
 * the key store (as {@code c4tap pki demo} writes one).
 */
final class Passwords {

    static final String ENVIRONMENT = "C4TAP_KEYSTORE_PASSWORD";

    private Passwords() {
    }

    static char[] forKeystore(Path keystore, Path passwordFile) throws IOException {
        if (passwordFile != null) {
            return KeystorePassword.fromFile(passwordFile);
        }
        if (System.getenv(ENVIRONMENT) != null) {
            return KeystorePassword.fromEnvironment(ENVIRONMENT);
        }
        Path parent = keystore.toAbsolutePath().getParent();
        Path beside = parent == null ? null : parent.resolve(DemoPki.PASSWORD_FILE);
        if (beside != null && Files.isReadable(beside)) {
            return KeystorePassword.fromFile(beside);
        }
        throw new IOException("no password for " + keystore + ": give --password-file, set " + ENVIRONMENT
                + ", or place a " + DemoPki.PASSWORD_FILE + " file beside the key store");
    }
}
