package org.c4tap.core.pki;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** The notBefore and notAfter of a certificate to issue. */
public record Validity(Instant notBefore, Instant notAfter) {

    /** How far back a fresh certificate's notBefore is set, so that a peer whose clock lags accepts it. */
    private static final Duration CLOCK_SKEW = Duration.ofHours(1);

    public Validity {
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter " + notAfter + " is not after notBefore " + notBefore);
        }
    }

    /** Valid from an hour ago for {@code duration} from now. */
    public static Validity fromNow(Duration duration) {
        Instant now = Instant.now();
        return new Validity(now.minus(CLOCK_SKEW), now.plus(duration));
    }

    /** A period of 30 days that ended {@code ago} before now. */
    public static Validity endedAgo(Duration ago) {
        Instant end = Instant.now().minus(ago);
        return new Validity(end.minus(Duration.ofDays(30)), end);
    }

    /** A period of 30 days that begins {@code after} from now. */
    public static Validity beginningIn(Duration after) {
        Instant start = Instant.now().plus(after);
        return new Validity(start, start.plus(Duration.ofDays(30)));
    }
}
