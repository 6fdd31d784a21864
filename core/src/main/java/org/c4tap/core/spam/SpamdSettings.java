package org.c4tap.core.spam;

import java.time.Duration;
import java.util.Objects;

/**
 * Where spamd listens and how long and how much the gateway is willing to spend on asking it. A
 * report never waits on spamd longer than {@code deadline}.
 *
 * @param host             spamd's address; an IP literal avoids a name lookup, which no timeout here bounds
 * @param port             spamd's TCP port
 * @param connectTimeout   the longest wait for the TCP connection
 * @param readTimeout      the longest wait for spamd to take or send the next bytes, which covers its
 *                         thinking time before it answers
 * @param deadline         the longest the whole exchange may take, however spamd paces its bytes
 * @param maxMessageBytes  a larger message is not sent at all, as spamc skips large messages
 * @param maxResponseBytes a larger answer is not read to its end and counts as no answer
 */
public record SpamdSettings(String host, int port, Duration connectTimeout, Duration readTimeout, Duration deadline,
        int maxMessageBytes, int maxResponseBytes) {

    /** spamc's default size limit, 500 KiB. */
    public static final int SPAMC_MAX_MESSAGE_BYTES = 500 * 1024;

    /** spamd on this host, its standard port, spamc's size limit, timeouts for a busy server. */
    public static final SpamdSettings DEFAULTS = new SpamdSettings("127.0.0.1", 783, Duration.ofSeconds(2),
            Duration.ofSeconds(10), Duration.ofSeconds(15), SPAMC_MAX_MESSAGE_BYTES, 64 * 1024);

    // The status line, a Content-length and a Spam header, with no rules at all.
    private static final int SMALLEST_USEFUL_RESPONSE = 128;

    public SpamdSettings {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("spamd host must not be blank");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("spamd port must be 1 to 65535, was " + port);
        }
        requireMillis("connect timeout", connectTimeout);
        requireMillis("read timeout", readTimeout);
        requireMillis("deadline", deadline);
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("max message bytes must be positive, was " + maxMessageBytes);
        }
        if (maxResponseBytes < SMALLEST_USEFUL_RESPONSE) {
            throw new IllegalArgumentException("max response bytes must be at least " + SMALLEST_USEFUL_RESPONSE
                    + ", was " + maxResponseBytes);
        }
    }

    public SpamdSettings withEndpoint(String newHost, int newPort) {
        return new SpamdSettings(newHost, newPort, connectTimeout, readTimeout, deadline, maxMessageBytes, maxResponseBytes);
    }

    public SpamdSettings withTimeouts(Duration newConnectTimeout, Duration newReadTimeout, Duration newDeadline) {
        return new SpamdSettings(host, port, newConnectTimeout, newReadTimeout, newDeadline, maxMessageBytes, maxResponseBytes);
    }

    public SpamdSettings withMaxMessageBytes(int newMaxMessageBytes) {
        return new SpamdSettings(host, port, connectTimeout, readTimeout, deadline, newMaxMessageBytes, maxResponseBytes);
    }

    public SpamdSettings withMaxResponseBytes(int newMaxResponseBytes) {
        return new SpamdSettings(host, port, connectTimeout, readTimeout, deadline, maxMessageBytes, newMaxResponseBytes);
    }

    // Whole milliseconds because waits are counted in them: a timeout that rounds to zero would mean "forever".
    private static void requireMillis(String name, Duration duration) {
        Objects.requireNonNull(duration, name);
        if (duration.toMillis() < 1 || duration.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException(name + " must be between 1 ms and 1 day, was " + duration);
        }
    }
}
