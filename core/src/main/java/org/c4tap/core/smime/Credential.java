package org.c4tap.core.smime;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key with its certificate and chain, as loaded from a PKCS#12 key store. Its string
 * form names the certificate only: key material never reaches a log line or an exception.
 */
public final class Credential {

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final List<X509Certificate> chain;

    public Credential(PrivateKey key, X509Certificate certificate, List<X509Certificate> chain) {
        this.key = Objects.requireNonNull(key, "key");
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.chain = List.copyOf(chain);
        if (!certificate.getPublicKey().getAlgorithm().equals(key.getAlgorithm())
                && !(key.getAlgorithm().startsWith("EC") && certificate.getPublicKey().getAlgorithm().startsWith("EC"))) {
            throw new IllegalArgumentException("the private key does not belong to the certificate "
                    + Certificates.describe(certificate));
        }
    }

    public PrivateKey key() {
        return key;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate and the chain above it, leaf first. */
    public List<X509Certificate> chain() {
        return chain;
    }

    @Override
    public String toString() {
        return "Credential[" + Certificates.describe(certificate) + "]";
    }
}
