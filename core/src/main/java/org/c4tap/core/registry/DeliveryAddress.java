package org.c4tap.core.registry;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * One address an organisation receives notices at, with the certificates to encrypt to and what
 * its mail client can read.
 *
 * @param gcm whether the client reads AES-GCM AuthEnvelopedData (most desktop clients do not)
 */
public record DeliveryAddress(String address, List<X509Certificate> certificates, boolean gcm) {

    public DeliveryAddress {
        Objects.requireNonNull(address, "address");
        certificates = List.copyOf(certificates);
    }
}
