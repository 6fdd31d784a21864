package org.c4tap.mailets;

import jakarta.mail.MessagingException;
import java.util.Set;
import org.c4tap.core.submission.ReadLimits;

/**
 * The optional bounds on reading a submission, each with the safe default of
 * {@link ReadLimits#STANDARD}: {@code maxMessageBytes}, {@code maxHeaderBytes}, {@code maxDepth},
 * {@code maxParts}, {@code maxReportedMails}, {@code maxTextChars}, {@code maxHeaderFields},
 * {@code maxInspectedBytes}, {@code maxSpamBytes}.
 */
final class LimitParameters {

    static final Set<String> NAMES = Set.of("maxMessageBytes", "maxHeaderBytes", "maxDepth", "maxParts", "maxReportedMails",
            "maxTextChars", "maxHeaderFields", "maxInspectedBytes", "maxSpamBytes");

    private LimitParameters() {
    }

    static ReadLimits read(InitParameters parameters) throws MessagingException {
        ReadLimits standard = ReadLimits.STANDARD;
        try {
            return new ReadLimits(
                    number(parameters, "maxMessageBytes", standard.maxMessageBytes()),
                    (int) number(parameters, "maxHeaderBytes", standard.maxHeaderBytes()),
                    (int) number(parameters, "maxDepth", standard.maxDepth()),
                    (int) number(parameters, "maxParts", standard.maxParts()),
                    (int) number(parameters, "maxReportedMails", standard.maxReportedMails()),
                    (int) number(parameters, "maxTextChars", standard.maxTextChars()),
                    (int) number(parameters, "maxHeaderFields", standard.maxHeaderFields()),
                    (int) number(parameters, "maxInspectedBytes", standard.maxInspectedBytes()),
                    (int) number(parameters, "maxSpamBytes", standard.maxSpamBytes()));
        } catch (IllegalArgumentException e) {
            throw parameters.error(e.getMessage());
        }
    }

    private static long number(InitParameters parameters, String name, long fallback) throws MessagingException {
        String value = parameters.optional(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            long number = Long.parseLong(value.replace("_", ""));
            if (number < 1 || (!name.equals("maxMessageBytes") && number > Integer.MAX_VALUE)) {
                throw parameters.error("<" + name + "> must be a positive whole number, not " + value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw parameters.error("<" + name + "> must be a positive whole number, not " + value);
        }
    }
}
