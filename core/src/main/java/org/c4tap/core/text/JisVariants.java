package org.c4tap.core.text;

/**
 * Folds the characters that Japanese encoders map to different Unicode code points into one form.
 * The same JIS character arrives as WAVE DASH (U+301C) from a JIS X 0208 table and as FULLWIDTH
 * TILDE (U+FF5E) from Windows' CP932 table; a subject must read the same whichever mailer encoded
 * it. We fold to the CP932 forms, which Outlook (most reporters' client) produces. Only text is
 * folded; hashes are always of the raw bytes.
 */
public final class JisVariants {

    private JisVariants() {
    }

    public static String fold(String text) {
        StringBuilder folded = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char replacement = switch (c) {
                case '\u301C' -> '\uFF5E'; // WAVE DASH -> FULLWIDTH TILDE
                case '\u2016' -> '\u2225'; // DOUBLE VERTICAL LINE -> PARALLEL TO
                case '\u2212' -> '\uFF0D'; // MINUS SIGN -> FULLWIDTH HYPHEN-MINUS
                case '\u2014' -> '\u2015'; // EM DASH -> HORIZONTAL BAR
                case '\u00A2' -> '\uFFE0'; // CENT SIGN -> FULLWIDTH CENT SIGN
                case '\u00A3' -> '\uFFE1'; // POUND SIGN -> FULLWIDTH POUND SIGN
                case '\u00AC' -> '\uFFE2'; // NOT SIGN -> FULLWIDTH NOT SIGN
                default -> c;
            };
            if (replacement != c && folded == null) {
                folded = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (folded != null) {
                folded.append(replacement);
            }
        }
        return folded == null ? text : folded.toString();
    }
}
