package org.c4tap.core.report;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A report's identity: {@code C4TAP-20261126-7K3M9Q2XWD}, the UTC date of creation and 50 random
 * bits in Crockford's base 32. It travels in headers and subjects, so it is validated wherever it
 * is read back from another party.
 */
public record ReportId(String value) {

    private static final Pattern FORMAT = Pattern.compile("C4TAP-[0-9]{8}-[0-9A-HJKMNP-TV-Z]{10}");
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final SecureRandom RANDOM = new SecureRandom();

    public ReportId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a C4TAP report id: " + printable(value));
        }
    }

    public static ReportId generate(Clock clock) {
        StringBuilder id = new StringBuilder("C4TAP-");
        id.append(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).format(DATE)).append('-');
        long bits = RANDOM.nextLong();
        for (int i = 0; i < 10; i++) {
            id.append(CROCKFORD[(int) (bits & 31)]);
            bits >>>= 5;
        }
        return new ReportId(id.toString());
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }

    private static String printable(String value) {
        String cut = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
