package org.c4tap.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * At the council: matches the intake-address recipient of an S/MIME encrypted mail, the form every
 * operator gateway relays reports in. Whether it really is a report from a registered participant
 * is decided when it is opened.
 *
 * <pre>{@code
 * <mailet match="org.c4tap.matchers.IsSealedReport=intake@council.example" class="ToProcessor">
 *     <processor>c4tap-intake</processor>
 * </mailet>
 * }</pre>
 */
public class IsSealedReport extends GenericMatcher {

    private String intake;

    @Override
    public void init() throws MessagingException {
        String condition = getCondition();
        if (condition == null || !condition.strip().matches("[^@\\s]+@[^@\\s]+")) {
            throw new MessagingException("IsSealedReport needs the intake address as its condition, such as "
                    + "IsSealedReport=intake@council.example");
        }
        intake = condition.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        List<MailAddress> matched = mail.getRecipients().stream()
                .filter(recipient -> recipient.asString().toLowerCase(Locale.ROOT).equals(intake))
                .toList();
        if (matched.isEmpty() || !SmimeContentType.isEncrypted(mail.getMessage())) {
            return List.of();
        }
        return matched;
    }

    @Override
    public String getMatcherInfo() {
        return "C4TAP: a sealed report addressed to the council's intake address";
    }
}
