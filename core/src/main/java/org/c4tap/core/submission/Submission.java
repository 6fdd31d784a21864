package org.c4tap.core.submission;

import jakarta.mail.internet.MimeMessage;
import java.util.Objects;
import org.c4tap.core.scope.ScopeChoice;

/**
 * What an employee sent to the report address: the carrier mail they forwarded, who they are, and
 * the scope they chose through their own channel.
 *
 * @param carrier  the mail as the gateway received it; the reported mail is inside it
 * @param reporter the authenticated sender's address
 * @param choice   the scope asked for by sub-address or subject tag, or the configured default
 */
public record Submission(MimeMessage carrier, String reporter, ScopeChoice choice) {

    public Submission {
        Objects.requireNonNull(carrier, "carrier");
        Objects.requireNonNull(choice, "choice");
        reporter = reporter == null ? "" : reporter;
    }
}
