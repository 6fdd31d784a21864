package org.c4tap.mailets;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.c4tap.core.trust.CertificateExpiry;
import org.c4tap.core.trust.ExpiryWarning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns in the gateway's log, at start and then daily, about the certificates a mailet depends on
 * that have expired or expire within {@code certificateExpiryWarningDays} (30 unless configured):
 * before mail stops flowing, not after.
 */
final class ExpiryWatch implements AutoCloseable {

    static final String WINDOW_DAYS = "certificateExpiryWarningDays";
    private static final Logger LOGGER = LoggerFactory.getLogger(ExpiryWatch.class);
    private static final ScheduledExecutorService DAILY = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "c4tap-certificate-expiry");
        thread.setDaemon(true);
        return thread;
    });

    private final ScheduledFuture<?> task;

    private ExpiryWatch(ScheduledFuture<?> task) {
        this.task = task;
    }

    static ExpiryWatch start(String mailet, InitParameters parameters, Supplier<Map<String, X509Certificate>> certificates)
            throws jakarta.mail.MessagingException {
        long days = parameters.parsed(WINDOW_DAYS, "30", value -> {
            long parsed = Long.parseLong(value.strip());
            if (parsed < 0) {
                throw new IllegalArgumentException("must not be negative");
            }
            return parsed;
        });
        CertificateExpiry expiry = new CertificateExpiry(Duration.ofDays(days), Clock.systemUTC());
        Runnable check = () -> {
            try {
                for (ExpiryWarning warning : expiry.check(certificates.get())) {
                    LOGGER.warn("{}: {}", mailet, warning.message());
                }
            } catch (RuntimeException e) {
                LOGGER.warn("{}: cannot check certificate expiry: {}", mailet, e.getMessage());
            }
        };
        check.run();
        return new ExpiryWatch(DAILY.scheduleAtFixedRate(check, 1, 1, TimeUnit.DAYS));
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}
