package org.c4tap.core.smime;

/** Sealing failed; nothing was produced, so nothing can leave in the clear. */
public final class SealException extends Exception {

    public SealException(String message) {
        super(message);
    }

    public SealException(String message, Throwable cause) {
        super(message, cause);
    }
}
