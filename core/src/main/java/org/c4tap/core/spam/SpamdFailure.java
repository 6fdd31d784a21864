package org.c4tap.core.spam;

/**
 * spamd could not be asked or gave no usable answer. The message is the reason a {@link SpamCheck}
 * reports, so it is short and never quotes the mail or spamd's free text.
 */
final class SpamdFailure extends Exception {

    SpamdFailure(String reason) {
        // No stack trace: the failure is an expected outcome, reported as a reason, and spamd being down is frequent.
        super(reason, null, false, false);
    }
}
