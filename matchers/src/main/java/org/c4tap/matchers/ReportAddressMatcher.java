package org.c4tap.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.c4tap.core.submission.ReportAddress;

/** The part both report-address matchers share: the condition is the report address. */
abstract class ReportAddressMatcher extends GenericMatcher {

    private ReportAddress reportAddress;

    @Override
    public void init() throws MessagingException {
        String condition = getCondition();
        if (condition == null || condition.isBlank()) {
            throw new MessagingException(getClass().getSimpleName() + " needs the report address as its condition, such as "
                    + getClass().getSimpleName() + "=report@example.org");
        }
        try {
            reportAddress = ReportAddress.parse(condition);
        } catch (IllegalArgumentException e) {
            throw new MessagingException(getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The recipients that are the report address or one of its sub-addresses. */
    protected final List<MailAddress> reportRecipients(Mail mail) {
        Collection<MailAddress> recipients = mail.getRecipients();
        return recipients.stream().filter(recipient -> reportAddress.matches(recipient.asString())).toList();
    }
}
