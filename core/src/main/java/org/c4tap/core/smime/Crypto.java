package org.c4tap.core.smime;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The BouncyCastle provider our cryptography runs on. It is passed to every builder as an object
 * and never installed process-wide, so a mail server's own provider list stays as it was; when the
 * server has already installed BouncyCastle, that instance is reused.
 */
public final class Crypto {

    private static final Provider PROVIDER = chooseProvider();

    private Crypto() {
    }

    public static Provider provider() {
        return PROVIDER;
    }

    private static Provider chooseProvider() {
        Provider installed = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (installed instanceof BouncyCastleProvider) {
            return installed;
        }
        return new BouncyCastleProvider();
    }
}
