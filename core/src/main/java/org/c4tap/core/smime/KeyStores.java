package org.c4tap.core.smime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Loads private keys from PKCS#12 key stores. */
public final class KeyStores {

    private KeyStores() {
    }

    /**
     * Loads the key entry named {@code alias}, or the only key entry when {@code alias} is null.
     * Errors name the file and the alias, never the password.
     */
    public static Credential load(Path file, char[] password, String alias) throws KeyStoreLoadException {
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (IOException e) {
            throw new KeyStoreLoadException("cannot read the key store " + file + ": "
                    + (e.getCause() instanceof java.security.UnrecoverableKeyException ? "wrong password" : e.getClass().getSimpleName()));
        } catch (GeneralSecurityException e) {
            throw new KeyStoreLoadException("cannot open the key store " + file + ": " + e.getClass().getSimpleName());
        }
        try {
            String chosen = alias;
            if (chosen == null) {
                List<String> keyAliases = new ArrayList<>();
                for (String candidate : Collections.list(store.aliases())) {
                    if (store.isKeyEntry(candidate)) {
                        keyAliases.add(candidate);
                    }
                }
                if (keyAliases.size() != 1) {
                    throw new KeyStoreLoadException("the key store " + file + " holds " + keyAliases.size()
                            + " keys; name the one to use with an alias");
                }
                chosen = keyAliases.get(0);
            }
            if (!store.isKeyEntry(chosen)) {
                throw new KeyStoreLoadException("the key store " + file + " has no key named '" + chosen + "'");
            }
            PrivateKey key = (PrivateKey) store.getKey(chosen, password);
            List<X509Certificate> chain = new ArrayList<>();
            Certificate[] certificates = store.getCertificateChain(chosen);
            if (certificates == null || certificates.length == 0) {
                throw new KeyStoreLoadException("the key '" + chosen + "' in " + file + " has no certificate");
            }
            for (Certificate certificate : certificates) {
                chain.add((X509Certificate) certificate);
            }
            return new Credential(key, chain.get(0), chain);
        } catch (GeneralSecurityException e) {
            throw new KeyStoreLoadException("cannot read the key in " + file + ": " + e.getClass().getSimpleName());
        }
    }

    /** A key store that cannot be used. The message names the file, never a password or a key. */
    public static final class KeyStoreLoadException extends Exception {
        public KeyStoreLoadException(String message) {
            super(message);
        }
    }
}
