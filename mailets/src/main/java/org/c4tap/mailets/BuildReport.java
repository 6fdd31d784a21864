package org.c4tap.mailets;

import jakarta.mail.MessagingException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.james.core.MailAddress;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.c4tap.core.analysis.AnalysisSettings;
import org.c4tap.core.analysis.Analyzer;
import org.c4tap.core.entity.ReportEntity;
import org.c4tap.core.privacy.Pseudonyms;
import org.c4tap.core.report.Report;
import org.c4tap.core.reply.InReplyTo;
import org.c4tap.core.reply.Rejection;
import org.c4tap.core.sample.SampleEntity;
import org.c4tap.core.sample.SampleParcel;
import org.c4tap.core.scope.Scope;
import org.c4tap.core.scope.ScopeChoice;
import org.c4tap.core.scope.ScopePolicy;
import org.c4tap.core.submission.ReadLimits;
import org.c4tap.core.submission.ReportAddress;
import org.c4tap.core.submission.Submission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *     <partScopes>indicators=GREEN, attachments=GREEN</partScopes>   <!-- optional per-part defaults -->
 *     <widestScopes>headers=AMBER, reporter=RED</widestScopes>       <!-- optional limits -->
 *     <pseudonymSecretFile>conf/c4tap/pseudonym-secret</pseudonymSecretFile>
 *     <internalDomains>bank-a.co.jp</internalDomains>        <!-- besides James's local domains -->
 *     <maxMessageBytes>67108864</maxMessageBytes>            <!-- optional bounds: see below -->
 *     <maxParts>2000</maxParts>
 *     <spamdHost>127.0.0.1</spamdHost>                       <!-- optional: SpamAssassin's spamd -->
 *     <spamdPort>783</spamdPort>
 *     <spamdReadTimeout>10000</spamdReadTimeout>
 *     <reportProcessor>c4tap-seal</reportProcessor>
 *     <unrecognisedProcessor>c4tap-unrecognised</unrecognisedProcessor>
 *     <samples>false</samples>                               <!-- true: also send the attachments themselves -->
 *     <samplesProcessor>c4tap-seal-samples</samplesProcessor>
 * </mailet>
 * }</pre>
 *
 * The scope comes from the configuration, from the reporter's sub-address ({@code report+amber@…})
 * or from a tag at the start of their subject ({@code [AMBER] FW: …}); never from the reported
 * mail. Each part is then cut back to its widest allowed scope. In parts wider than RED, addresses
 * and host names of the operator's own domains are replaced by stable pseudonyms (an HMAC with the
 * secret in {@code pseudonymSecretFile}; without one, pseudonyms change at every start). When no
 * reported mail can be found, the submission goes to {@code unrecognisedProcessor} with the
 * attribute {@code c4tap.rejection}.
 *
 * <p>With {@code samples} true, each report whose mail had attachments is followed by a second
 * mail, marked {@code c4tap.kind=samples}, holding the attachments themselves in a zip with the
 * password {@code infected}, which goes to {@code samplesProcessor} to be sealed to the council's
 * samples address: the council gives samples to its analysts only. Off by default.
 *
 * <p>Bounds on hostile input, each optional with a safe default and validated at init (see
 * {@link LimitParameters} for the defaults): {@code maxMessageBytes} (a larger submission is not
 * read and goes to {@code unrecognisedProcessor} as {@code too_large}), {@code maxHeaderBytes},
 * {@code maxHeaderFields}, {@code maxParts}, {@code maxDepth}, {@code maxReportedMails},
 * {@code maxTextChars}, {@code maxInspectedBytes}, {@code maxSpamBytes}; for archives
 * {@code maxArchiveDepth}, {@code maxArchiveEntries}, {@code maxArchiveEntriesInAll},
 * {@code maxArchiveEntryBytes}, {@code maxArchiveBytes}, {@code maxArchiveRatio},
 * {@code maxArchiveMillis}; for Outlook files {@code maxOutlookBytes}, {@code maxOutlookAttachments},
 * {@code maxOutlookDepth}, {@code maxOutlookPropertyBytes}. Past a bound the report is still built
 * and its {@code notes[]} say what was not read.
 */
public class BuildReport extends GenericMailet {

    static final String REPORT_ADDRESS = "reportAddress";
    static final String DEFAULT_SCOPE = "defaultScope";
    static final String REPORT_PROCESSOR = "reportProcessor";
    static final String UNRECOGNISED_PROCESSOR = "unrecognisedProcessor";
    static final String PART_SCOPES = "partScopes";
    static final String WIDEST_SCOPES = "widestScopes";
    static final String PSEUDONYM_SECRET_FILE = "pseudonymSecretFile";
    static final String SAMPLES = "samples";
    static final String SAMPLES_PROCESSOR = "samplesProcessor";
    static final String INTERNAL_DOMAINS = "internalDomains";
    private static final Logger LOGGER = LoggerFactory.getLogger(BuildReport.class);

    private ReportAddress reportAddress;
    private Scope defaultScope;
    private Analyzer analyzer;
    private String reportProcessor;
    private String unrecognisedProcessor;
    private ReadLimits limits;
    private boolean samples;
    private String samplesProcessor;

    @Override
    public void init() throws MessagingException {
        Set<String> known = new java.util.HashSet<>(Set.of(REPORT_ADDRESS, DEFAULT_SCOPE, REPORT_PROCESSOR, UNRECOGNISED_PROCESSOR,
                PART_SCOPES, WIDEST_SCOPES, PSEUDONYM_SECRET_FILE, INTERNAL_DOMAINS, SAMPLES, SAMPLES_PROCESSOR));
        known.addAll(LimitParameters.NAMES);
        known.addAll(SpamdParameters.NAMES);
        checkInitParameters(known);
        InitParameters parameters = new InitParameters(getMailetConfig());
        reportAddress = parameters.parsed(REPORT_ADDRESS, null, ReportAddress::parse);
        defaultScope = parameters.parsed(DEFAULT_SCOPE, "RED", label -> Scope.parse(label).orElseThrow(() ->
                new IllegalArgumentException("'" + label + "' is not one of RED, AMBER, YELLOW, GREEN, WHITE")));
        ScopePolicy policy = ScopePolicy.configured(defaultScope,
                parameters.parsed(PART_SCOPES, "", ScopePolicy::parseAssignments),
                parameters.parsed(WIDEST_SCOPES, "", ScopePolicy::parseAssignments));
        limits = LimitParameters.read(parameters);
        samples = parameters.parsed(SAMPLES, "false", BuildReport::yesOrNo);
        samplesProcessor = parameters.optional(SAMPLES_PROCESSOR, "c4tap-seal-samples");
        analyzer = new Analyzer(AnalysisSettings.standard(defaultScope)
                .withPolicy(policy)
                .withLimits(limits)
                .withSpam(SpamdParameters.read(parameters))
                .withPseudonyms(pseudonyms(parameters))
                .withSamples(samples));
        reportProcessor = parameters.optional(REPORT_PROCESSOR, "c4tap-seal");
        unrecognisedProcessor = parameters.optional(UNRECOGNISED_PROCESSOR, "c4tap-unrecognised");
    }

    private Pseudonyms pseudonyms(InitParameters parameters) throws MessagingException {
        Set<String> configured = new java.util.HashSet<>();
        for (String domain : parameters.optional(INTERNAL_DOMAINS, "").split("[,\\s]+")) {
            if (!domain.isBlank()) {
                configured.add(domain.strip().toLowerCase(java.util.Locale.ROOT));
            }
        }
        java.util.function.Predicate<String> internal = domain -> configured.contains(domain) || isLocal(domain);
        String secretFile = parameters.optional(PSEUDONYM_SECRET_FILE, null);
        if (secretFile == null) {
            LOGGER.warn("{}: no {}; pseudonyms of internal addresses will change when James restarts", getMailetName(),
                    PSEUDONYM_SECRET_FILE);
            return Pseudonyms.ephemeral(internal);
        }
        try {
            byte[] secret = java.nio.file.Files.readAllBytes(ServerFiles.resolve(secretFile));
            return new Pseudonyms(secret, internal);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw parameters.error("cannot use the pseudonym secret " + secretFile + ": " + e.getMessage());
        }
    }

    private boolean isLocal(String domain) {
        try {
            return getMailetContext().isLocalServer(org.apache.james.core.Domain.of(domain));
        } catch (RuntimeException unparsable) {
            return false;
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        long size = mail.getMessageSize();
        if (size > limits.maxMessageBytes()) {
            MailAttributes.set(mail, MailAttributes.REJECTION, Rejection.Reason.TOO_LARGE.key());
            LOGGER.info("{}: submission {} of {} bytes is over maxMessageBytes {}: not read", getMailetName(), mail.getName(), size,
                    limits.maxMessageBytes());
            mail.setState(unrecognisedProcessor);
            return;
        }
        String reporter = mail.getMaybeSender().asOptional().map(MailAddress::asString).orElse("");
        Submission submission = new Submission(mail.getMessage(), reporter, scopeChoice(mail.getRecipients()));
        List<Analyzer.Analysis> analyses = analyzer.analyzeWithSamples(submission);
        List<Report> reports = analyses.stream().map(Analyzer.Analysis::report).toList();
        if (reports.isEmpty()) {
            MailAttributes.set(mail, MailAttributes.REJECTION, Rejection.Reason.NOTHING_RECOGNISED.key());
            LOGGER.info("{}: submission {}: no forwarded mail recognised", getMailetName(), mail.getName());
            mail.setState(unrecognisedProcessor);
            return;
        }
        for (Report report : reports) {
            LOGGER.info("{}: submission {} became report {} ({} notes)", getMailetName(), mail.getName(), report.id().value(),
                    report.notes().size());
        }
        InReplyTo.of(mail.getMessage()).ifPresent(id -> MailAttributes.set(mail, MailAttributes.SUBMISSION_ID, id.messageId()));
        for (Analyzer.Analysis analysis : analyses) {
            if (samples && !analysis.samples().kept().isEmpty()) {
                sendSamples(mail, analysis);
            }
        }
        for (Report extra : reports.subList(1, reports.size())) {
            Mail copy = mail.duplicate();
            try {
                carry(copy, extra);
                getMailetContext().sendMail(copy, reportProcessor);
            } finally {
                // the spool keeps its own copy; James reported this one as leaked when left undisposed
                LifecycleUtil.dispose(copy);
            }
        }
        carry(mail, reports.get(0));
        mail.setState(reportProcessor);
    }

    /** The report's samples as a mail of their own, to be sealed to the council's samples address. */
    private void sendSamples(Mail mail, Analyzer.Analysis analysis) throws MessagingException {
        SampleParcel parcel = SampleParcel.pack(analysis.report().id(), analysis.samples().kept(), analysis.samples().omitted());
        Mail copy = mail.duplicate();
        try {
            copy.setMessage(SampleEntity.toMessage(parcel));
            MailAttributes.set(copy, MailAttributes.REPORT_ID, parcel.reportId().value());
            MailAttributes.set(copy, MailAttributes.KIND, MailAttributes.SAMPLES);
            LOGGER.info("{}: report {}: {} samples ({} left out) to {}", getMailetName(), parcel.reportId().value(),
                    parcel.entries().size(), parcel.omitted().size(), samplesProcessor);
            getMailetContext().sendMail(copy, samplesProcessor);
        } finally {
            // the spool keeps its own copy
            LifecycleUtil.dispose(copy);
        }
    }

    private static Boolean yesOrNo(String value) {
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new IllegalArgumentException("'" + value + "' is not true or false");
        };
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
        return samples
                ? List.of(new ProcessingState(reportProcessor), new ProcessingState(unrecognisedProcessor), new ProcessingState(samplesProcessor))
                : List.of(new ProcessingState(reportProcessor), new ProcessingState(unrecognisedProcessor));
    }

    @Override
    public String getMailetInfo() {
        return "C4TAP BuildReport: turns a submission into scoped reports, attachments reduced to fingerprints";
    }
}
