package org.c4tap.core.trust;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * The mail addresses a certificate vouches for (RFC 8550 3): its rfc822Name alternative names, or,
 * when it has none, the PKCS #9 emailAddress attributes of its subject, as legacy CAs wrote them.
 */
public final class CertifiedMailboxes {

    private static final int RFC822_NAME = 1;

    private CertifiedMailboxes() {
    }

    /** The addresses as the certificate spells them. */
    public static List<String> of(X509Certificate certificate) {
        Collection<List<?>> alternativeNames;
        try {
            alternativeNames = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            // unreadable alternative names vouch for nothing, and the subject does not stand in for them
            return List.of();
        }
        List<String> addresses = new ArrayList<>();
        if (alternativeNames != null) {
            for (List<?> name : alternativeNames) {
                if (name.size() >= 2 && Integer.valueOf(RFC822_NAME).equals(name.get(0)) && name.get(1) instanceof String value) {
                    addresses.add(value);
                }
            }
        }
        return addresses.isEmpty() ? subjectEmailAddresses(certificate) : List.copyOf(addresses);
    }

    static boolean includes(X509Certificate certificate, String address) {
        return of(certificate).stream().anyMatch(certified -> sameMailbox(certified, address));
    }

    /**
     * Whether two addresses name the same mailbox: the local part compared exactly, as only the
     * receiving domain may interpret it, the domain without regard to case (RFC 5280 7.5).
     */
    static boolean sameMailbox(String certified, String address) {
        int at = certified.lastIndexOf('@');
        int otherAt = address.lastIndexOf('@');
        if (at <= 0 || otherAt <= 0) {
            return false;
        }
        return certified.substring(0, at).equals(address.substring(0, otherAt))
                && certified.substring(at + 1).toLowerCase(Locale.ROOT).equals(address.substring(otherAt + 1).toLowerCase(Locale.ROOT));
    }

    private static List<String> subjectEmailAddresses(X509Certificate certificate) {
        List<String> addresses = new ArrayList<>();
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        for (RDN rdn : subject.getRDNs()) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                ASN1Encodable value = attribute.getValue();
                if (attribute.getType().equals(PKCSObjectIdentifiers.pkcs_9_at_emailAddress) && value instanceof ASN1String text) {
                    addresses.add(text.getString());
                }
            }
        }
        return List.copyOf(addresses);
    }
}
