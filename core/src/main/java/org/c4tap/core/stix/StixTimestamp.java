package org.c4tap.core.stix;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * STIX timestamps (§2.16) in UTC with exactly three decimals, such as
 * {@code 2026-11-26T01:02:03.000Z}: the millisecond precision that {@code created} and
 * {@code modified} require, used for every timestamp so that all of them look alike.
 */
final class StixTimestamp {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private StixTimestamp() {
    }

    static String of(Instant instant) {
        return FORMAT.format(instant);
    }
}
