package org.c4tap.core.scope;

import java.util.Locale;
import java.util.Optional;

/**
 * The five C⁴TAP sharing scopes (情報共有範囲の類型), narrowest first.
 *
 * <p>Each scope's audience contains the audience of every narrower one: RED reaches the provider,
 * the secretariat and the analysts; WHITE reaches everyone the council may publish to. These are
 * not TLP labels: they say whom the council may send a part to, not how far a recipient may pass
 * it on, and there is no YELLOW in TLP.
 */
public enum Scope {
    RED,
    AMBER,
    YELLOW,
    GREEN,
    WHITE;

    /** True when this scope reaches at least everyone {@code other} reaches. */
    public boolean includes(Scope other) {
        return compareTo(other) >= 0;
    }

    /** The narrower of the two: the one that reaches fewer people. */
    public Scope narrowest(Scope other) {
        return compareTo(other) <= 0 ? this : other;
    }

    /** The label as it is written in reports and configuration ({@code "AMBER"}). */
    public String label() {
        return name();
    }

    /** Parses a label, ignoring case and surrounding blanks; empty for anything else. */
    public static Optional<Scope> parse(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String normalised = label.strip().toUpperCase(Locale.ROOT);
        for (Scope scope : values()) {
            if (scope.name().equals(normalised)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }

    /**
     * Parses a label that arrived from another party. A label we do not know is read as RED, the
     * narrowest scope: misreading a label must never widen an audience.
     */
    public static Scope parseOrRed(String label) {
        return parse(label).orElse(RED);
    }
}
