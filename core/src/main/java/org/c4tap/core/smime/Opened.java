package org.c4tap.core.smime;

import jakarta.mail.internet.MimeBodyPart;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A sealed message that was decrypted and whose signature verified.
 *
 * @param content      the signed content, exactly as the signature covers it
 * @param signer       the certificate whose key made the signature
 * @param certificates every certificate the signature carried
 * @param headers      the protected header fields of the signed content
 * @param encryption   how the content was encrypted
 */
public record Opened(MimeBodyPart content, X509Certificate signer, List<X509Certificate> certificates, ProtectedHeaders headers,
                     SealingProfile.ContentEncryption encryption) {

    public Opened {
        certificates = List.copyOf(certificates);
    }
}
