package org.c4tap.core.text;

import java.util.Objects;
import java.util.Optional;

/**
 * Text decoded from bytes, with the charset that was actually used and, when it differs from what
 * the mail claimed, why.
 *
 * @param text     the decoded text, normalised for display (see {@link JisVariants})
 * @param charset  the charset used to decode
 * @param mislabel set when the declared label was missing, unknown or wrong: a short description
 */
public record DecodedText(String text, String charset, Optional<String> mislabel) {

    public DecodedText {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(mislabel, "mislabel");
    }
}
