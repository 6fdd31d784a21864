package org.c4tap.mailets;

import jakarta.mail.MessagingException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.c4tap.core.entity.ReportEntity;
import org.c4tap.core.reply.Acknowledgement;
import org.c4tap.core.reply.InReplyTo;
import org.c4tap.core.report.Report;
import org.c4tap.core.report.ReportFormatException;

/**
 * Operator gateway, step 3: tells the employee who reported that their report went to the council,
 * with the report id, the scope of each part and what was found. Place it after
 * {@link SealReport}, inside the same processor, before ending the mail.
 *
 * <pre>{@code
 * <mailet match="All" class="org.c4tap.mailets.AcknowledgeReporter">
 *     <from>c4tap-gateway@bank-a.example</from>        <!-- defaults to the postmaster -->
 * </mailet>
 * }</pre>
 */
public class AcknowledgeReporter extends GenericMailet {

    static final String FROM = "from";

    private AddressOrPostmaster from;

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of(FROM));
        from = AddressOrPostmaster.read(new InitParameters(getMailetConfig()), FROM, getMailetContext());
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Optional<MailAddress> reporter = mail.getMaybeSender().asOptional();
        if (reporter.isEmpty()) {
            return;
        }
        Report report;
        try {
            report = ReportEntity.parse(mail.getMessage());
        } catch (ReportFormatException e) {
            throw new MessagingException("the mail no longer carries a readable report: " + e.getMessage());
        }
        MailAddress sender = from.get();
        getMailetContext().sendMail(sender, List.of(reporter.get()),
                Acknowledgement.compose(sender.asString(), reporter.get().asString(), report,
                        MailAttributes.get(mail, MailAttributes.SUBMISSION_ID).flatMap(InReplyTo::of)));
    }

    @Override
    public String getMailetInfo() {
        return "C4TAP AcknowledgeReporter: tells the reporter the report id and what was sent";
    }
}
