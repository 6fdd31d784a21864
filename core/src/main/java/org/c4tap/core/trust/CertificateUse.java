package org.c4tap.core.trust;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import org.c4tap.core.smime.Certificates;
import org.c4tap.core.trust.CertificateRejection.Reason;

/**
 * What an S/MIME certificate is used for, and the keyUsage bits each use needs (RFC 8550 4.4.2).
 * A certificate without a keyUsage extension is not restricted.
 */
enum CertificateUse {
    /** Signing a message: digitalSignature or nonRepudiation. */
    SIGNING,
    /** Receiving an encrypted message: keyEncipherment for RSA key transport, keyAgreement for EC. */
    ENCRYPTION;

    private static final int DIGITAL_SIGNATURE = 0;
    private static final int NON_REPUDIATION = 1;
    private static final int KEY_ENCIPHERMENT = 2;
    private static final int KEY_AGREEMENT = 4;

    void require(X509Certificate certificate) throws CertificateRejection {
        boolean[] usage = certificate.getKeyUsage();
        switch (this) {
            case SIGNING -> {
                if (usage != null && !set(usage, DIGITAL_SIGNATURE) && !set(usage, NON_REPUDIATION)) {
                    throw wrong(certificate, "may not sign: its key usage has neither digitalSignature nor nonRepudiation");
                }
            }
            case ENCRYPTION -> {
                PublicKey key = certificate.getPublicKey();
                if (key instanceof ECPublicKey) {
                    if (usage != null && !set(usage, KEY_AGREEMENT)) {
                        throw wrong(certificate, "may not receive: an EC key needs keyAgreement");
                    }
                } else if (key instanceof RSAPublicKey && "RSA".equals(key.getAlgorithm())) {
                    if (usage != null && !set(usage, KEY_ENCIPHERMENT)) {
                        throw wrong(certificate, "may not receive: an RSA key needs keyEncipherment");
                    }
                } else {
                    throw wrong(certificate, "may not receive: a " + key.getAlgorithm() + " key cannot decrypt mail");
                }
            }
        }
    }

    private static boolean set(boolean[] usage, int bit) {
        return usage.length > bit && usage[bit];
    }

    private static CertificateRejection wrong(X509Certificate certificate, String why) {
        return new CertificateRejection(Reason.WRONG_KEY_USAGE, certificate, Certificates.describe(certificate) + " " + why);
    }
}
