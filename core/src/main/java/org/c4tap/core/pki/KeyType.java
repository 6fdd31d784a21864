package org.c4tap.core.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * The kinds of key the demo CA generates, and what an S/MIME certificate for each may do: an RSA
 * key signs and receives by key transport (keyEncipherment), an EC key signs and receives by key
 * agreement (keyAgreement).
 */
public enum KeyType {
    RSA_2048(2048),
    RSA_3072(3072),
    EC_P256(256);

    private final int bits;

    KeyType(int bits) {
        this.bits = bits;
    }

    public int bits() {
        return bits;
    }

    public boolean isEc() {
        return this == EC_P256;
    }

    /** The key usage bit that lets a recipient's key receive a content-encryption key. */
    int encryptionUsage() {
        return isEc() ? KeyUsage.keyAgreement : KeyUsage.keyEncipherment;
    }

    /** The receiving bit of the other key family, which this key type cannot use. */
    int foreignEncryptionUsage() {
        return isEc() ? KeyUsage.keyEncipherment : KeyUsage.keyAgreement;
    }

    KeyPair generate(SecureRandom random) throws GeneralSecurityException {
        if (isEc()) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits, random);
        return generator.generateKeyPair();
    }
}
