package org.c4tap.core.registry;

import java.security.cert.X509Certificate;

/**
 * One certificate a registry file names, and where: so that a review of the file can say which
 * line holds an expired or unusable certificate.
 *
 * @param line         the line of the file the certificate is named on
 * @param organisation the organisation's id
 * @param holder       the delivery address the certificate encrypts to, or {@code gateway} for a
 *                     gateway certificate that signs reports
 */
public record RegisteredCertificate(int line, String organisation, String holder, Use use, X509Certificate certificate) {

    /** What the council does with the certificate. */
    public enum Use {
        /** The council checks a report's signature against it. */
        SIGNS_REPORTS,
        /** The council encrypts notices to it. */
        RECEIVES_NOTICES
    }
}
