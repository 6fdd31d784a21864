package org.c4tap.it.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.c4tap.core.pki.CertificateAuthority;
import org.c4tap.core.pki.IssueOptions;
import org.c4tap.core.pki.KeyType;
import org.c4tap.core.smime.Certificates;

/**
 * One CA for the interoperability tests and its parties, RSA 2048 and EC P-256, each issued once
 * per test run, and the PEM files the other implementations read them from.
 */
final class InteropPki {

    static final String RSA_SENDER = "gateway@bank-a.example";
    static final String EC_SENDER = "gateway@power-b.example";
    static final String RSA_RECIPIENT = "intake@council.example";
    static final String EC_RECIPIENT = "noc@observer.example";

    private static final CertificateAuthority CA = create();
    private static final Map<String, CertificateAuthority.Issued> ISSUED = new ConcurrentHashMap<>();

    private InteropPki() {
    }

    static CertificateAuthority ca() {
        return CA;
    }

    static CertificateAuthority.Issued rsaSender() {
        return party(RSA_SENDER, KeyType.RSA_2048);
    }

    static CertificateAuthority.Issued ecSender() {
        return party(EC_SENDER, KeyType.EC_P256);
    }

    static CertificateAuthority.Issued rsaRecipient() {
        return party(RSA_RECIPIENT, KeyType.RSA_2048);
    }

    static CertificateAuthority.Issued ecRecipient() {
        return party(EC_RECIPIENT, KeyType.EC_P256);
    }

    /** A well-formed certificate for {@code address}, issued on first use; the common name is the address. */
    static CertificateAuthority.Issued party(String address, KeyType keyType) {
        return ISSUED.computeIfAbsent(address + "/" + keyType, ignored -> issue(address, IssueOptions.of(keyType, Duration.ofDays(30))));
    }

    /** A fresh certificate for {@code address} shaped by {@code options} (for flawed ones). */
    static CertificateAuthority.Issued issue(String address, IssueOptions options) {
        try {
            return CA.issue(address, "Interop " + address.substring(address.indexOf('@') + 1), List.of(address), options);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue a certificate for " + address, e);
        }
    }

    static Path writeCertificate(Path file, X509Certificate... certificates) throws IOException {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            pem.append(Certificates.pem(certificate));
        }
        return Files.writeString(file, pem, StandardCharsets.US_ASCII);
    }

    /** The key as unencrypted PKCS#8 PEM, which OpenSSL reads for RSA and EC alike. */
    static Path writeKey(Path file, PrivateKey key) throws IOException {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded());
        return Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n",
                StandardCharsets.US_ASCII);
    }

    private static CertificateAuthority create() {
        try {
            return CertificateAuthority.create("C4TAP Interop CA", Duration.ofDays(60));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
