package org.c4tap.mailets;

import jakarta.mail.MessagingException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.c4tap.core.analysis.Analyzer;
import org.c4tap.core.report.Report;
import org.c4tap.core.report.ReportEntity;
import org.c4tap.core.reply.Rejection;
import org.c4tap.core.scope.Scope;
import org.c4tap.core.scope.ScopeChoice;
import org.c4tap.core.scope.ScopePolicy;
import org.c4tap.core.submission.ReportAddress;
import org.c4tap.core.submission.Submission;

/**
 * Operator gateway, step 1: reads a submission, finds the reported mail in it, fingerprints and
 * strips its attachments, and replaces the mail's content with the C⁴TAP report (one mail per
 * reported mail), which goes on to {@code reportProcessor} to be sealed. The attachments' bytes
 * go no further than this mailet.
 *
 * <pre>{@code
 * <mailet match="All" class="org.c4tap.mailets.BuildReport">
 *     <reportAddress>report@bank-a.example</reportAddress>
 *     <defaultScope>RED</defaultScope>                       <!-- RED unless configured otherwise -->
 *     <reportProcessor>c4tap-seal</reportProcessor>
 *     <unrecognisedProcessor>c4tap-unrecognised</unrecognisedProcessor>
 * </mailet>
 * }</pre>
 *
 * The scope comes from the configuration or from the reporter's sub-address
 * ({@code report+amber@…}); never from the reported mail. When no reported mail can be found, the
 * submission goes to {@code unrecognisedProcessor} with the attribute {@code c4tap.rejection}.
 */
public class BuildReport extends GenericMailet {

    static final String REPORT_ADDRESS = "reportAddress";
    static final String DEFAULT_SCOPE = "defaultScope";
    static final String REPORT_PROCESSOR = "reportProcessor";
    static final String UNRECOGNISED_PROCESSOR = "unrecognisedProcessor";

    private ReportAddress reportAddress;
    private Scope defaultScope;
    private Analyzer analyzer;
    private String reportProcessor;
    private String unrecognisedProcessor;

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of(REPORT_ADDRESS, DEFAULT_SCOPE, REPORT_PROCESSOR, UNRECOGNISED_PROCESSOR));
        InitParameters parameters = new InitParameters(getMailetConfig());
        reportAddress = parameters.parsed(REPORT_ADDRESS, null, ReportAddress::parse);
        defaultScope = parameters.parsed(DEFAULT_SCOPE, "RED", label -> Scope.parse(label).orElseThrow(() ->
                new IllegalArgumentException("'" + label + "' is not one of RED, AMBER, YELLOW, GREEN, WHITE")));
        analyzer = Analyzer.standard(defaultScope);
        reportProcessor = parameters.optional(REPORT_PROCESSOR, "c4tap-seal");
        unrecognisedProcessor = parameters.optional(UNRECOGNISED_PROCESSOR, "c4tap-unrecognised");
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        String reporter = mail.getMaybeSender().asOptional().map(MailAddress::asString).orElse("");
        Submission submission = new Submission(mail.getMessage(), reporter, scopeChoice(mail.getRecipients()));
        List<Report> reports = analyzer.analyze(submission);
        if (reports.isEmpty()) {
            MailAttributes.set(mail, MailAttributes.REJECTION, Rejection.Reason.NOTHING_RECOGNISED.key());
            mail.setState(unrecognisedProcessor);
            return;
        }
        for (Report extra : reports.subList(1, reports.size())) {
            Mail copy = mail.duplicate();
            carry(copy, extra);
            getMailetContext().sendMail(copy, reportProcessor);
        }
        carry(mail, reports.get(0));
        mail.setState(reportProcessor);
    }

    private static void carry(Mail mail, Report report) throws MessagingException {
        mail.setMessage(ReportEntity.toMessage(report));
        MailAttributes.set(mail, MailAttributes.REPORT_ID, report.id().value());
    }

    /** The narrowest scope any report recipient asks for by sub-address, else the configured default. */
    private ScopeChoice scopeChoice(Collection<MailAddress> recipients) {
        Optional<ScopeChoice> requested = Optional.empty();
        for (MailAddress recipient : recipients) {
            Optional<ScopeChoice> asked = reportAddress.requestedBy(recipient.asString());
            if (asked.isPresent() && (requested.isEmpty() || requested.get().scope().includes(asked.get().scope()))) {
                requested = asked;
            }
        }
        return requested.orElse(new ScopeChoice(defaultScope, ScopeChoice.Origin.CONFIGURED_DEFAULT));
    }

    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        return List.of(new ProcessingState(reportProcessor), new ProcessingState(unrecognisedProcessor));
    }

    @Override
    public String getMailetInfo() {
        return "C4TAP BuildReport: turns a submission into scoped reports, attachments reduced to fingerprints";
    }
}
