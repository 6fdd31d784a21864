package org.c4tap.it;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/** Polls a condition on the running servers until it holds, or fails with what was last seen. */
final class Await {

    private Await() {
    }

    /** Waits until {@code check} returns true; fails after {@code timeout} naming {@code what}. */
    static void until(String what, Duration timeout, Callable<Boolean> check) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                if (check.call()) {
                    return;
                }
                last = null;
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(250);
        }
        AssertionError failure = new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
        if (last != null) {
            failure.initCause(last);
        }
        throw failure;
    }
}
