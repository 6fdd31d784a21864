package org.c4tap.matchers;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;

/**
 * Matches the report-address recipients of a mail that an employee submitted: sent by a user who
 * authenticated over SMTP, from an address in a local domain that is the user's own.
 *
 * <pre>{@code
 * <mailet match="org.c4tap.matchers.IsReportSubmission=report@bank-a.example" class="ToProcessor">
 *     <processor>c4tap-submission</processor>
 * </mailet>
 * }</pre>
 *
 * Sub-addresses ({@code report+amber@bank-a.example}) match too. Mail to the report address that
 * this matcher refuses should be routed with {@link IsAddressedToReport} to an explanation.
 */
public class IsReportSubmission extends ReportAddressMatcher {

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return isFromAuthenticatedLocalUser(mail) ? reportRecipients(mail) : List.of();
    }

    private boolean isFromAuthenticatedLocalUser(Mail mail) {
        Optional<String> user = mail.getAttribute(Mail.SMTP_AUTH_USER)
                .map(attribute -> attribute.getValue().getValue())
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .filter(value -> !value.isBlank());
        Optional<MailAddress> sender = mail.getMaybeSender().asOptional();
        if (user.isEmpty() || sender.isEmpty()) {
            return false;
        }
        MailAddress from = sender.get();
        if (!getMailetContext().isLocalServer(from.getDomain())) {
            return false;
        }
        String authenticated = user.get().toLowerCase(Locale.ROOT);
        return authenticated.equals(from.asString().toLowerCase(Locale.ROOT))
                || authenticated.equals(from.getLocalPart().toLowerCase(Locale.ROOT));
    }

    @Override
    public String getMatcherInfo() {
        return "C4TAP: mail to the report address from an SMTP-authenticated local user";
    }
}
