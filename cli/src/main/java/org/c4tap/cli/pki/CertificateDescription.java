package org.c4tap.cli.pki;

import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.c4tap.core.smime.Certificates;
import org.c4tap.core.trust.CertifiedMailboxes;

/**
 * A certificate as {@code c4tap pki inspect} shows it: one labelled line per property an operator
 * checks before trusting or renewing it. Never key material beyond the public key's type and size.
 */
public final class CertificateDescription {

    /** keyUsage bits in the order of RFC 5280 4.2.1.3. */
    private static final List<String> KEY_USAGES = List.of("digitalSignature", "nonRepudiation", "keyEncipherment",
            "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly");

    private static final Map<String, String> EXTENDED_KEY_USAGES = Map.of(
            "1.3.6.1.5.5.7.3.1", "serverAuth",
            "1.3.6.1.5.5.7.3.2", "clientAuth",
            "1.3.6.1.5.5.7.3.3", "codeSigning",
            "1.3.6.1.5.5.7.3.4", "emailProtection",
            "1.3.6.1.5.5.7.3.8", "timeStamping",
            "1.3.6.1.5.5.7.3.9", "OCSPSigning",
            "2.5.29.37.0", "anyExtendedKeyUsage");

    private CertificateDescription() {
    }

    /** The description, as of {@code now} for the remaining validity; lines end with a newline. */
    public static String of(X509Certificate certificate, Instant now) {
        StringBuilder text = new StringBuilder();
        line(text, "subject", certificate.getSubjectX500Principal().getName());
        line(text, "issuer", certificate.getIssuerX500Principal().getName());
        line(text, "serial", certificate.getSerialNumber().toString(16));
        List<String> addresses = CertifiedMailboxes.of(certificate);
        line(text, "addresses", addresses.isEmpty() ? "(none)" : String.join(", ", addresses));
        line(text, "key", key(certificate.getPublicKey()));
        line(text, "key usage", keyUsage(certificate));
        line(text, "extended key usage", extendedKeyUsage(certificate));
        line(text, "basic constraints", certificate.getBasicConstraints() < 0 ? "end entity"
                : certificate.getBasicConstraints() == Integer.MAX_VALUE ? "CA" : "CA, path length " + certificate.getBasicConstraints());
        line(text, "valid from", certificate.getNotBefore().toInstant().toString());
        line(text, "valid until", certificate.getNotAfter().toInstant() + " (" + remaining(certificate, now) + ")");
        line(text, "sha256", Certificates.fingerprint(certificate));
        return text.toString();
    }

    private static String key(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return "RSA " + rsa.getModulus().bitLength() + " bits";
        }
        if (key instanceof ECPublicKey ec) {
            return "EC " + ec.getParams().getCurve().getField().getFieldSize() + " bits (" + curve(ec) + ")";
        }
        return key.getAlgorithm();
    }

    private static String curve(ECPublicKey key) {
        try {
            if (SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier oid) {
                String nist = NISTNamedCurves.getName(oid);
                String other = ECNamedCurveTable.getName(oid);
                return nist != null ? nist : other != null ? other : oid.getId();
            }
        } catch (IllegalArgumentException e) {
            // an encoding we cannot read names no curve
        }
        return "explicit parameters";
    }

    private static String keyUsage(X509Certificate certificate) {
        boolean[] usage = certificate.getKeyUsage();
        if (usage == null) {
            return "(no extension: any)";
        }
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < Math.min(usage.length, KEY_USAGES.size()); bit++) {
            if (usage[bit]) {
                names.add(KEY_USAGES.get(bit));
            }
        }
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    private static String extendedKeyUsage(X509Certificate certificate) {
        try {
            List<String> purposes = certificate.getExtendedKeyUsage();
            if (purposes == null) {
                return "(no extension: any)";
            }
            return String.join(", ", purposes.stream().map(oid -> EXTENDED_KEY_USAGES.getOrDefault(oid, oid)).toList());
        } catch (CertificateParsingException e) {
            return "(unreadable)";
        }
    }

    private static String remaining(X509Certificate certificate, Instant now) {
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (now.isAfter(notAfter)) {
            return "EXPIRED";
        }
        if (now.isBefore(certificate.getNotBefore().toInstant())) {
            return "not yet valid";
        }
        long days = Duration.between(now, notAfter).toDays();
        return "expires in " + days + (days == 1 ? " day" : " days");
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(String.format("%-20s%s", label + ":", value)).append('\n');
    }
}
