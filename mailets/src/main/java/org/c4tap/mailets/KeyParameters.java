package org.c4tap.mailets;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.apache.mailet.MailetConfig;
import org.c4tap.core.smime.Credential;
import org.c4tap.core.smime.KeyStores;
import org.c4tap.core.smime.KeystorePassword;

/**
 * The init parameters that name a private key, shared by every mailet that signs or decrypts:
 *
 * <pre>{@code
 * <keystore>conf/c4tap/operator.p12</keystore>               PKCS#12, relative to James's working directory
 * <keystorePasswordFile>conf/c4tap/keystore-password</keystorePasswordFile>   or:
 * <keystorePasswordEnv>C4TAP_KEYSTORE_PASSWORD</keystorePasswordEnv>
 * <keyAlias>operator</keyAlias>                               optional when the store holds one key
 * }</pre>
 *
 * The password is read once, used to open the store, and wiped.
 */
final class KeyParameters {

    static final String KEYSTORE = "keystore";
    static final String PASSWORD_FILE = "keystorePasswordFile";
    static final String PASSWORD_ENV = "keystorePasswordEnv";
    static final String ALIAS = "keyAlias";
    static final Set<String> NAMES = Set.of(KEYSTORE, PASSWORD_FILE, PASSWORD_ENV, ALIAS);

    private KeyParameters() {
    }

    static Credential load(MailetConfig config) throws MessagingException {
        String mailet = config.getMailetName();
        String keystore = config.getInitParameter(KEYSTORE);
        if (keystore == null || keystore.isBlank()) {
            throw new MessagingException(mailet + ": <" + KEYSTORE + "> is required (a PKCS#12 file)");
        }
        String passwordFile = config.getInitParameter(PASSWORD_FILE);
        String passwordEnv = config.getInitParameter(PASSWORD_ENV);
        if ((passwordFile == null) == (passwordEnv == null)) {
            throw new MessagingException(mailet + ": give exactly one of <" + PASSWORD_FILE + "> or <" + PASSWORD_ENV + ">");
        }
        char[] password;
        try {
            password = passwordFile != null
                    ? KeystorePassword.fromFile(ServerFiles.resolve(passwordFile))
                    : KeystorePassword.fromEnvironment(passwordEnv.strip());
        } catch (IOException e) {
            throw new MessagingException(mailet + ": cannot read the key store password: " + e.getMessage());
        }
        try {
            Path path = ServerFiles.resolve(keystore);
            String alias = config.getInitParameter(ALIAS);
            return KeyStores.load(path, password, alias == null || alias.isBlank() ? null : alias.strip());
        } catch (KeyStores.KeyStoreLoadException e) {
            throw new MessagingException(mailet + ": " + e.getMessage());
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
