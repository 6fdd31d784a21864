package org.c4tap.matchers;

import java.util.Collection;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;

/**
 * Matches the report-address recipients of any mail. Place it after {@link IsReportSubmission} to
 * catch what that matcher refused (external or unauthenticated senders), so that it is explained
 * to the sender and never relayed.
 *
 * <pre>{@code
 * <mailet match="org.c4tap.matchers.IsAddressedToReport=report@bank-a.example" class="ToProcessor">
 *     <processor>c4tap-refused</processor>
 * </mailet>
 * }</pre>
 */
public class IsAddressedToReport extends ReportAddressMatcher {

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return reportRecipients(mail);
    }

    @Override
    public String getMatcherInfo() {
        return "C4TAP: any mail to the report address";
    }
}
