package org.c4tap.mailets;

import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.Set;
import org.c4tap.core.analysis.SpamScoring;
import org.c4tap.core.spam.SpamdClient;
import org.c4tap.core.spam.SpamdSettings;

/**
 * The optional SpamAssassin parameters: {@code spamdHost} (an IP address; without it nothing is
 * scored), {@code spamdPort} (783), {@code spamdConnectTimeout} (2000 ms), {@code spamdReadTimeout}
 * (10000 ms), {@code spamdDeadline} (15000 ms for the whole exchange), {@code spamdMaxBytes}
 * (512000, like spamc: larger mails are not sent). When spamd is down or slow, reports go out with
 * {@code spam.status: "unavailable"}.
 */
final class SpamdParameters {

    static final Set<String> NAMES = Set.of("spamdHost", "spamdPort", "spamdConnectTimeout", "spamdReadTimeout", "spamdDeadline",
            "spamdMaxBytes");

    private SpamdParameters() {
    }

    static SpamScoring read(InitParameters parameters) throws MessagingException {
        String host = parameters.optional("spamdHost", null);
        if (host == null) {
            return SpamScoring.NONE;
        }
        SpamdSettings defaults = SpamdSettings.DEFAULTS;
        try {
            SpamdSettings settings = defaults
                    .withEndpoint(host, (int) number(parameters, "spamdPort", defaults.port()))
                    .withTimeouts(Duration.ofMillis(number(parameters, "spamdConnectTimeout", defaults.connectTimeout().toMillis())),
                            Duration.ofMillis(number(parameters, "spamdReadTimeout", defaults.readTimeout().toMillis())),
                            Duration.ofMillis(number(parameters, "spamdDeadline", defaults.deadline().toMillis())))
                    .withMaxMessageBytes((int) number(parameters, "spamdMaxBytes", defaults.maxMessageBytes()));
            return SpamScoring.spamd(new SpamdClient(settings));
        } catch (IllegalArgumentException e) {
            throw parameters.error("spamd settings: " + e.getMessage());
        }
    }

    private static long number(InitParameters parameters, String name, long fallback) throws MessagingException {
        String value = parameters.optional(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw parameters.error("<" + name + "> must be a whole number, not " + value);
        }
    }
}
