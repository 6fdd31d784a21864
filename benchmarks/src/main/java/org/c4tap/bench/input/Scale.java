package org.c4tap.bench.input;

/** The sizes the issues name, in one place. */
public final class Scale {

    /** About as many organisations as took part in C⁴TAP when it started. */
    public static final int ORGANISATIONS = 350;

    private Scale() {
    }
}
