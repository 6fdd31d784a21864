package org.c4tap.bench.input;

import org.c4tap.core.pki.KeyType;
import org.c4tap.core.smime.SealingProfile;
import org.c4tap.core.smime.SealingProfile.ContentEncryption;
import org.c4tap.core.smime.SealingProfile.RsaKeyTransport;
import org.c4tap.core.smime.SealingProfile.RsaSignature;

/**
 * The sealing configurations the crypto benchmarks compare: each option of {@link SealingProfile}
 * (signature scheme, content encryption, key transport) appears in at least one, next to the two
 * named profiles. The signer's and the recipient's keys are of the type the option needs.
 */
public enum CryptoProfile {
    /** {@link SealingProfile#STANDARD}: RSA PKCS#1 v1.5 signature, AES-256-CBC EnvelopedData, RSA-OAEP-SHA256. */
    STANDARD(KeyType.RSA_2048, SealingProfile.STANDARD, KeyType.RSA_2048),
    /** {@link SealingProfile#GATEWAY}: RSA PKCS#1 v1.5 signature, AES-256-GCM AuthEnvelopedData, RSA-OAEP-SHA256. */
    GATEWAY(KeyType.RSA_2048, SealingProfile.GATEWAY, KeyType.RSA_2048),
    /** RSA-PSS signature, AES-256-CBC, RSA-OAEP-SHA256. */
    RSA_PSS(KeyType.RSA_2048, new SealingProfile(ContentEncryption.AES_256_CBC, RsaKeyTransport.OAEP_SHA256, RsaSignature.PSS),
            KeyType.RSA_2048),
    /** RSA PKCS#1 v1.5 signature, AES-256-CBC, RSA PKCS#1 v1.5 key transport (for old clients). */
    RSA_PKCS1_TRANSPORT(KeyType.RSA_2048, new SealingProfile(ContentEncryption.AES_256_CBC, RsaKeyTransport.PKCS1_V1_5,
            RsaSignature.PKCS1_V1_5), KeyType.RSA_2048),
    /** ECDSA P-256 signature, AES-256-CBC, ECDH P-256 (ephemeral-static, X9.63 SHA-256 KDF, AES-256 wrap). */
    EC_CBC(KeyType.EC_P256, SealingProfile.STANDARD, KeyType.EC_P256),
    /** ECDSA P-256 signature, AES-256-GCM, ECDH P-256. */
    EC_GCM(KeyType.EC_P256, SealingProfile.GATEWAY, KeyType.EC_P256);

    private final KeyType signer;
    private final SealingProfile profile;
    private final KeyType recipient;

    CryptoProfile(KeyType signer, SealingProfile profile, KeyType recipient) {
        this.signer = signer;
        this.profile = profile;
        this.recipient = recipient;
    }

    public KeyType signer() {
        return signer;
    }

    public SealingProfile profile() {
        return profile;
    }

    public KeyType recipient() {
        return recipient;
    }
}
