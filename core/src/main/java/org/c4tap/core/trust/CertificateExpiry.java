package org.c4tap.core.trust;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the certificates that have expired or expire within a window (30 days unless told), so
 * that a gateway can warn its administrator at start and daily before mail stops flowing. Immutable.
 */
public final class CertificateExpiry {

    public static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

    private final Duration window;
    private final Clock clock;

    public CertificateExpiry(Duration window, Clock clock) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("the warning window must not be negative: " + window);
        }
        this.window = window;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public CertificateExpiry(Clock clock) {
        this(DEFAULT_WINDOW, clock);
    }

    /**
     * The warnings for {@code certificates} (by name): expired ones and those whose notAfter falls
     * within the window, soonest first (the expired ones first of all), names breaking ties.
     */
    public List<ExpiryWarning> check(Map<String, X509Certificate> certificates) {
        Instant now = clock.instant();
        Instant horizon = now.plus(window);
        List<ExpiryWarning> warnings = new ArrayList<>();
        certificates.forEach((name, certificate) -> {
            Instant notAfter = certificate.getNotAfter().toInstant();
            if (notAfter.isBefore(now)) {
                warnings.add(new ExpiryWarning.Expired(name, certificate, notAfter));
            } else if (!notAfter.isAfter(horizon)) {
                warnings.add(new ExpiryWarning.Expiring(name, certificate, notAfter, Duration.between(now, notAfter)));
            }
        });
        warnings.sort(Comparator.comparing(ExpiryWarning::notAfter).thenComparing(ExpiryWarning::name));
        return List.copyOf(warnings);
    }
}
