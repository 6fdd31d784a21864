package org.c4tap.core.indicator;

import java.util.regex.Pattern;

/**
 * Undoes the usual defanging (hxxp://evil[.]example) so that indicators written by security-aware
 * senders, or by a previous analyst, are found and compared as the real values.
 */
public final class Refang {

    private static final Pattern SCHEME = Pattern.compile("(?i)\\bh(?:xx|\\*\\*|XX|tt)p(s?)(\\[:\\]|\\(:\\)|:)//");
    private static final Pattern DOT = Pattern.compile("(?i)\\[\\.\\]|\\(\\.\\)|\\{\\.\\}|\\[dot\\]|\\(dot\\)");
    private static final Pattern AT = Pattern.compile("(?i)\\[@\\]|\\(@\\)|\\[at\\]");

    private Refang() {
    }

    public static String text(String text) {
        String refanged = SCHEME.matcher(text).replaceAll("http$1://");
        refanged = DOT.matcher(refanged).replaceAll(".");
        return AT.matcher(refanged).replaceAll("@");
    }

    public static boolean isDefanged(String text) {
        return SCHEME.matcher(text).find() && !text.regionMatches(true, 0, "http", 0, 4)
                || DOT.matcher(text).find() || AT.matcher(text).find();
    }
}
