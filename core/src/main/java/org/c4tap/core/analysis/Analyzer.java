package org.c4tap.core.analysis;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.c4tap.core.indicator.UrlExtractor;
import org.c4tap.core.report.AttachmentList;
import org.c4tap.core.report.BodyExcerpt;
import org.c4tap.core.report.Indicators;
import org.c4tap.core.report.PartContent;
import org.c4tap.core.report.Report;
import org.c4tap.core.report.ReportId;
import org.c4tap.core.report.ReporterIdentity;
import org.c4tap.core.report.SpamAnalysis;
import org.c4tap.core.scope.Part;
import org.c4tap.core.scope.ScopePolicy;
import org.c4tap.core.submission.ReadLimits;
import org.c4tap.core.submission.ReportedMessage;
import org.c4tap.core.submission.Submission;
import org.c4tap.core.submission.SubmissionReader;

/**
 * Turns a submission into reports: one per reported mail found in it, each labelled with the
 * scopes the operator's policy and the reporter's choice give its parts. Immutable and safe to
 * share between threads.
 */
public final class Analyzer {

    private final ScopePolicy policy;
    private final SubmissionReader reader;
    private final Clock clock;
    private final int excerptChars;

    public Analyzer(ScopePolicy policy, ReadLimits limits, Clock clock, int excerptChars) {
        this.policy = policy;
        this.reader = new SubmissionReader(limits);
        this.clock = clock;
        this.excerptChars = excerptChars;
    }

    public static Analyzer standard(ScopePolicy policy) {
        return new Analyzer(policy, ReadLimits.STANDARD, Clock.systemUTC(), 2000);
    }

    /** The reports of a submission; an empty list when no reported mail could be recognised. */
    public List<Report> analyze(Submission submission) {
        List<Report> reports = new ArrayList<>();
        for (ReportedMessage message : reader.read(submission.carrier())) {
            reports.add(report(submission, message));
        }
        return reports;
    }

    private Report report(Submission submission, ReportedMessage message) {
        UrlExtractor urls = new UrlExtractor().addText(message.text()).addHtml(message.html());
        Map<Part, PartContent> parts = new EnumMap<>(Part.class);
        put(parts, message.headers());
        put(parts, new AttachmentList(message.attachments()));
        put(parts, new Indicators(urls.urls(), urls.domains()));
        put(parts, excerpt(message));
        put(parts, SpamAnalysis.notChecked());
        put(parts, new ReporterIdentity(submission.reporter()));
        return new Report(ReportId.generate(clock), clock.instant(), submission.choice(),
                policy.assign(submission.choice()), parts, message.notes());
    }

    private BodyExcerpt excerpt(ReportedMessage message) {
        String text = message.text().isBlank() ? message.html().replaceAll("<[^>]*>", " ") : message.text();
        text = text.strip();
        boolean truncated = text.length() > excerptChars;
        return new BodyExcerpt(truncated ? text.substring(0, excerptChars) : text, truncated);
    }

    private static void put(Map<Part, PartContent> parts, PartContent content) {
        parts.put(content.part(), content);
    }
}
