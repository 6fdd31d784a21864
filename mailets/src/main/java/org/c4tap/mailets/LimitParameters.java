package org.c4tap.mailets;

import jakarta.mail.MessagingException;
import java.util.Set;
import org.c4tap.core.submission.ReadLimits;

/**
 * The optional bounds on reading a submission, each named as in {@link ReadLimits#NAMES} and
 * defaulting to {@link ReadLimits#STANDARD}:
 *
 * <ul>
 *   <li>the submission: {@code maxMessageBytes} (67108864), {@code maxHeaderBytes} (1048576),
 *       {@code maxHeaderFields} (300), {@code maxParts} (2000), {@code maxDepth} (20),
 *       {@code maxReportedMails} (20), {@code maxTextChars} (1000000), {@code maxInspectedBytes}
 *       (67108864), {@code maxSpamBytes} (524288);</li>
 *   <li>archives inside attachments: {@code maxArchiveDepth} (3), {@code maxArchiveEntries} (1000),
 *       {@code maxArchiveEntriesInAll} (10000), {@code maxArchiveEntryBytes} (20971520),
 *       {@code maxArchiveBytes} (104857600), {@code maxArchiveRatio} (100), {@code maxArchiveMillis}
 *       (30000);</li>
 *   <li>Outlook files: {@code maxOutlookBytes} (52428800), {@code maxOutlookAttachments} (500),
 *       {@code maxOutlookDepth} (5), {@code maxOutlookPropertyBytes} (8388608).</li>
 * </ul>
 *
 * Each must be a positive whole number ({@code _} separators allowed); init fails otherwise.
 */
final class LimitParameters {

    static final Set<String> NAMES = Set.copyOf(ReadLimits.NAMES);

    private LimitParameters() {
    }

    static ReadLimits read(InitParameters parameters) throws MessagingException {
        ReadLimits limits = ReadLimits.STANDARD;
        for (String name : ReadLimits.NAMES) {
            String value = parameters.optional(name, null);
            if (value == null) {
                continue;
            }
            try {
                limits = limits.with(name, Long.parseLong(value.strip().replace("_", "")));
            } catch (NumberFormatException e) {
                throw parameters.error("<" + name + "> must be a positive whole number, not " + value);
            } catch (IllegalArgumentException e) {
                throw parameters.error("<" + name + ">: " + e.getMessage());
            }
        }
        return limits;
    }
}
