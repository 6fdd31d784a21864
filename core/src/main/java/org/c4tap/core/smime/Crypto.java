package org.c4tap.core.smime;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The providers our cryptography runs on. BouncyCastle does the CMS work (key transport and
 * agreement, signatures); it is passed to every builder as an object and never installed
 * process-wide, so a mail server's own provider list stays as it was; when the server has already
 * installed BouncyCastle, that instance is reused. The bulk work, AES-CBC over the content and
 * the digest of what is signed, runs on the JDK's own providers, whose AES and SHA-2 the JVM
 * compiles to the processor's AES and SHA instructions, several times faster than BouncyCastle's
 * portable Java. (AES-GCM stays with BouncyCastle, whose CMS builder cannot get a GCM key
 * generator from the JDK's provider.)
 */
public final class Crypto {

    private static final Provider PROVIDER = chooseProvider();
    private static final Provider CONTENT = chooseContentProvider();

    private Crypto() {
    }

    /** BouncyCastle. */
    public static Provider provider() {
        return PROVIDER;
    }

    /** For AES-CBC over the content: the JDK's SunJCE, or BouncyCastle where a JDK lacks it. */
    public static Provider contentProvider() {
        return CONTENT;
    }

    /**
     * For a signature with {@code algorithm} (a JCA name): the JDK's SunRsaSign for RSA PKCS #1
     * v1.5, whose RSA is faster than BouncyCastle's and signs the same bytes (the scheme is
     * deterministic); BouncyCastle for the others (RSASSA-PSS under its name, ECDSA).
     */
    public static Provider signingProvider(String algorithm) {
        Provider jdk = Security.getProvider("SunRsaSign");
        return algorithm.equals("SHA256withRSA") && jdk != null ? jdk : PROVIDER;
    }

    /** Digests of the signed content, by the JDK's SHA-2 (its default provider for them). */
    public static DigestCalculatorProvider digests() {
        try {
            return new JcaDigestCalculatorProviderBuilder().build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("every JDK has SHA-2 digests", e);
        }
    }

    private static Provider chooseProvider() {
        Provider installed = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (installed instanceof BouncyCastleProvider) {
            return installed;
        }
        return new BouncyCastleProvider();
    }

    private static Provider chooseContentProvider() {
        Provider jdk = Security.getProvider("SunJCE");
        return jdk != null ? jdk : PROVIDER;
    }
}
