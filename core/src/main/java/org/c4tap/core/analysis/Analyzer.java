package org.c4tap.core.analysis;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.c4tap.core.indicator.NetworkIndicators;
import org.c4tap.core.indicator.UrlExtractor;
import org.c4tap.core.message.HeaderText;
import org.c4tap.core.message.Mailbox;
import org.c4tap.core.privacy.Pseudonymiser;
import org.c4tap.core.report.AttachmentList;
import org.c4tap.core.report.BodyExcerpt;
import org.c4tap.core.report.Indicators;
import org.c4tap.core.report.Note;
import org.c4tap.core.report.OriginalHeaders;
import org.c4tap.core.report.PartContent;
import org.c4tap.core.report.Report;
import org.c4tap.core.sample.Samples;
import org.c4tap.core.report.ReportId;
import org.c4tap.core.report.ReporterIdentity;
import org.c4tap.core.report.SpamAnalysis;
import org.c4tap.core.scope.Part;
import org.c4tap.core.scope.Scope;
import org.c4tap.core.scope.ScopeChoice;
import org.c4tap.core.scope.SubjectTag;
import org.c4tap.core.spam.SpamCheck;
import org.c4tap.core.submission.Reading;
import org.c4tap.core.submission.ReportedMessage;
import org.c4tap.core.submission.Submission;
import org.c4tap.core.submission.SubmissionReader;

/**
 * Turns a submission into reports: one per reported mail found in it, each divided into parts
 * labelled with the scopes that the operator's policy and the reporter's own choice give them,
 * with internal addresses pseudonymised in every part wider than RED. Immutable and safe to share
 * between threads.
 */
public final class Analyzer {

    private final AnalysisSettings settings;
    private final SubmissionReader reader;

    public Analyzer(AnalysisSettings settings) {
        this.settings = settings;
        this.reader = new SubmissionReader(settings.limits(), settings.samples());
    }

    public static Analyzer standard(Scope defaultScope) {
        return new Analyzer(AnalysisSettings.standard(defaultScope));
    }

    /** The reports of a submission; an empty list when no reported mail could be recognised. */
    public List<Report> analyze(Submission submission) {
        return analyzeWithSamples(submission).stream().map(Analysis::report).toList();
    }

    /**
     * The reports of a submission, each with its reported mail's samples (the attachment bytes)
     * when the settings keep them, else with {@link Samples#NONE}.
     */
    public List<Analysis> analyzeWithSamples(Submission submission) {
        Reading reading = reader.read(submission.carrier());
        List<String> reportedSubjects = reading.messages().stream().map(message -> message.headers().subject()).toList();
        Optional<ScopeChoice> tag = SubjectTag.read(HeaderText.first(submission.carrier(), "Subject"), reportedSubjects);
        ScopeChoice choice = SubjectTag.combine(submission.choice(), tag);
        List<Analysis> analyses = new ArrayList<>();
        for (ReportedMessage message : reading.messages()) {
            analyses.add(new Analysis(report(submission, choice, message, reading.notes()), message.samples()));
        }
        return analyses;
    }

    /** One report, and the samples of its reported mail. */
    public record Analysis(Report report, Samples samples) {
    }

    private Report report(Submission submission, ScopeChoice choice, ReportedMessage message, List<Note> submissionNotes) {
        Map<Part, PartContent> parts = new EnumMap<>(Part.class);
        put(parts, message.headers());
        put(parts, new AttachmentList(message.attachments()));
        put(parts, indicators(message));
        put(parts, excerpt(message));
        put(parts, new ReporterIdentity(submission.reporter()));
        List<Note> notes = new ArrayList<>(message.notes());
        notes.addAll(submissionNotes);
        if (message.spamSample().length == 0) {
            put(parts, SpamAnalysis.notChecked());
            notes.add(new Note(Part.SPAM, "not_checked", "the reported mail is larger than " + settings.limits().maxSpamBytes()
                    + " bytes, the spam filter's limit"));
        } else {
            SpamCheck check = settings.spam().score(message.spamSample());
            put(parts, check.analysis());
            if (!check.reason().equals(SpamCheck.CHECKED) && !check.reason().equals(SpamScoring.NOT_CONFIGURED)) {
                notes.add(new Note(Part.SPAM, check.status().key(), check.reason()));
            }
        }
        Report report = new Report(ReportId.generate(settings.clock()), settings.clock().instant(), choice,
                settings.policy().assign(choice), parts, notes);
        return Pseudonymiser.apply(report, settings.pseudonyms());
    }

    private Indicators indicators(ReportedMessage message) {
        UrlExtractor urls = new UrlExtractor().addLinks(message.links()).addText(message.text());
        NetworkIndicators network = new NetworkIndicators().add(message.text());
        OriginalHeaders headers = message.headers();
        List<String> senderFields = List.of(headers.from(), headers.sender(), headers.replyTo(), headers.returnPath());
        List<String> domains = new ArrayList<>(urls.domains());
        network.hosts().stream().filter(host -> !domains.contains(host)).forEach(domains::add);
        for (String field : senderFields) {
            for (Mailbox mailbox : Mailbox.parseList(field)) {
                if (!mailbox.address().isEmpty()) {
                    network.addEmail(mailbox.address());
                    if (!mailbox.domain().isEmpty() && !domains.contains(mailbox.domain())) {
                        domains.add(mailbox.domain());
                    }
                }
            }
        }
        headers.received().forEach(hop -> network.add(hop.ip()));
        if (!headers.originatingIp().isEmpty()) {
            network.add(headers.originatingIp());
        }
        return new Indicators(urls.urls(), domains, network.ipv4(), network.ipv6(), network.emails());
    }

    private BodyExcerpt excerpt(ReportedMessage message) {
        String text = message.text().strip();
        boolean truncated = text.length() > settings.excerptChars();
        return new BodyExcerpt(truncated ? text.substring(0, settings.excerptChars()) : text, truncated);
    }

    private static void put(Map<Part, PartContent> parts, PartContent content) {
        parts.put(content.part(), content);
    }
}
