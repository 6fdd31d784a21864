package org.c4tap.mailets;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Function;
import org.apache.james.core.MailAddress;
import org.apache.mailet.MailetConfig;

/**
 * Reads and checks a mailet's init parameters once, in {@code init()}. Every error names the
 * mailet and the parameter, and says what a legal value looks like.
 */
final class InitParameters {

    private final MailetConfig config;

    InitParameters(MailetConfig config) {
        this.config = config;
    }

    String required(String name) throws MessagingException {
        String value = config.getInitParameter(name);
        if (value == null || value.isBlank()) {
            throw error("<" + name + "> is required");
        }
        return value.strip();
    }

    String optional(String name, String fallback) {
        String value = config.getInitParameter(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    MailAddress address(String name) throws MessagingException {
        String value = required(name);
        try {
            return new MailAddress(value);
        } catch (Exception e) {
            throw error("<" + name + "> '" + value + "' is not a mail address");
        }
    }

    /** A comma-separated list of mail addresses, each checked; empty when the parameter is absent. */
    List<String> addresses(String name) throws MessagingException {
        List<String> addresses = new java.util.ArrayList<>();
        for (String value : optional(name, "").split(",")) {
            if (value.isBlank()) {
                continue;
            }
            try {
                addresses.add(new MailAddress(value.strip()).asString());
            } catch (Exception e) {
                throw error("<" + name + "> '" + value.strip() + "' is not a mail address");
            }
        }
        return List.copyOf(addresses);
    }

    /** The first certificate of a PEM file. */
    X509Certificate certificate(String name) throws MessagingException {
        return certificates(name).get(0);
    }

    List<X509Certificate> certificates(String name) throws MessagingException {
        String value = required(name);
        try {
            return org.c4tap.core.smime.Certificates.read(ServerFiles.resolve(value));
        } catch (IOException | CertificateException e) {
            throw error("cannot read the certificate <" + name + "> " + value + ": " + e.getMessage());
        }
    }

    /** Parses the parameter, or {@code fallback} when it is absent; a null fallback makes it required. */
    <T> T parsed(String name, String fallback, Function<String, T> parser) throws MessagingException {
        String value = fallback == null ? required(name) : optional(name, fallback);
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw error("<" + name + "> " + e.getMessage());
        }
    }

    MessagingException error(String message) {
        return new MessagingException(config.getMailetName() + ": " + message);
    }
}
