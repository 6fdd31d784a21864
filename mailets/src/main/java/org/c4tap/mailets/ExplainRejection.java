package org.c4tap.mailets;

import jakarta.mail.MessagingException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.c4tap.core.reply.InReplyTo;
import org.c4tap.core.reply.Rejection;

/**
 * Explains to the sender, in Japanese and English, why their mail to the report address was not
 * relayed, and how to forward suspicious mail as an attachment. The explanation never quotes the
 * mail. The mail itself is left for the processor to store.
 *
 * <pre>{@code
 * <mailet match="All" class="org.c4tap.mailets.ExplainRejection">
 *     <reason>not_authenticated</reason>              <!-- or nothing_recognised -->
 *     <reportAddress>report@bank-a.example</reportAddress>
 *     <from>c4tap-gateway@bank-a.example</from>       <!-- defaults to the postmaster -->
 * </mailet>
 * }</pre>
 *
 * Without {@code <reason>}, the attribute {@code c4tap.rejection} set by an earlier mailet decides.
 */
public class ExplainRejection extends GenericMailet {

    static final String REASON = "reason";
    static final String REPORT_ADDRESS = "reportAddress";
    static final String FROM = "from";

    private Optional<Rejection.Reason> reason;
    private String reportAddress;
    private AddressOrPostmaster from;

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of(REASON, REPORT_ADDRESS, FROM));
        InitParameters parameters = new InitParameters(getMailetConfig());
        String configured = parameters.optional(REASON, null);
        reason = configured == null ? Optional.empty() : Optional.of(parameters.parsed(REASON, configured, Rejection.Reason::fromKey));
        reportAddress = parameters.address(REPORT_ADDRESS).asString();
        from = AddressOrPostmaster.read(parameters, FROM, getMailetContext());
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Rejection.Reason why = reason.orElseGet(() -> MailAttributes.get(mail, MailAttributes.REJECTION)
                .map(Rejection.Reason::fromKey).orElse(Rejection.Reason.NOTHING_RECOGNISED));
        MailAttributes.set(mail, MailAttributes.REJECTION, why.key());
        Optional<MailAddress> sender = mail.getMaybeSender().asOptional();
        if (sender.isPresent()) {
            MailAddress explainer = from.get();
            getMailetContext().sendMail(explainer, List.of(sender.get()),
                    Rejection.compose(explainer.asString(), sender.get().asString(), reportAddress, why, InReplyTo.of(mail.getMessage())));
        }
    }

    @Override
    public String getMailetInfo() {
        return "C4TAP ExplainRejection: tells the sender why mail to the report address was not relayed";
    }
}
