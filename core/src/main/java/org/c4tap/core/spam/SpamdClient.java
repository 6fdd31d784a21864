package org.c4tap.core.spam;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.c4tap.core.report.SpamAnalysis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks spamd what SpamAssassin thinks of a reported mail, with the SYMBOLS command over a
 * connection of its own per check. Configured once and shared by the mail-processing threads.
 * It never throws and never waits past its deadline: when spamd is down, refuses, stalls or
 * answers garbage, the check says {@link SpamAnalysis.Status#UNAVAILABLE} and why, so that the
 * report goes out without it.
 */
public final class SpamdClient {

    private static final Logger LOGGER = LoggerFactory.getLogger(SpamdClient.class);
    private static final byte[] NO_BODY = new byte[0];
    private static final byte[] PING = "PING SPAMC/1.5\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final SpamdSettings settings;

    public SpamdClient(SpamdSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public SpamdSettings settings() {
        return settings;
    }

    /**
     * SpamAssassin's verdict on {@code message}, the raw RFC 5322 bytes. A message larger than
     * {@link SpamdSettings#maxMessageBytes()} is not sent and comes back
     * {@link SpamAnalysis.Status#NOT_CHECKED}.
     */
    public SpamCheck check(byte[] message) {
        Objects.requireNonNull(message, "message");
        long start = System.nanoTime();
        if (message.length > settings.maxMessageBytes()) {
            return new SpamCheck(SpamAnalysis.notChecked(),
                    "message of " + message.length + " bytes exceeds the " + settings.maxMessageBytes() + "-byte limit",
                    since(start));
        }
        byte[] head = ("SYMBOLS SPAMC/1.5\r\nContent-length: " + message.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try {
            SpamAnalysis analysis = SymbolsAnswer.analysis(SpamdResponse.parse(SpamdExchange.run(settings, head, message)));
            return new SpamCheck(analysis, SpamCheck.CHECKED, since(start));
        } catch (SpamdFailure e) {
            return new SpamCheck(SpamAnalysis.unavailable(), e.getMessage(), since(start));
        } catch (RuntimeException e) {
            // A fault of ours must not cost the report; the trace names no content, only where the fault is.
            LOGGER.warn("spam check failed unexpectedly", e);
            return new SpamCheck(SpamAnalysis.unavailable(), "internal error: " + e.getClass().getSimpleName(), since(start));
        }
    }

    /** Whether spamd answers PONG to PING within the configured timeouts. */
    public boolean ping() {
        try {
            SpamdResponse response = SpamdResponse.parse(SpamdExchange.run(settings, PING, NO_BODY));
            return response.code() == 0 && response.text().equals("PONG");
        } catch (SpamdFailure e) {
            return false;
        } catch (RuntimeException e) {
            LOGGER.warn("spamd ping failed unexpectedly", e);
            return false;
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
