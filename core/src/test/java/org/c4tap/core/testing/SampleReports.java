package org.c4tap.core.testing;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.c4tap.core.fingerprint.Fingerprinter;
import org.c4tap.core.indicator.UrlIndicator;
import org.c4tap.core.report.Attachment;
import org.c4tap.core.report.AttachmentList;
import org.c4tap.core.report.BodyExcerpt;
import org.c4tap.core.report.Indicators;
import org.c4tap.core.report.Note;
import org.c4tap.core.report.OriginalHeaders;
import org.c4tap.core.report.PartContent;
import org.c4tap.core.report.Report;
import org.c4tap.core.report.ReportId;
import org.c4tap.core.report.ReporterIdentity;
import org.c4tap.core.report.SpamAnalysis;
import org.c4tap.core.scope.Part;
import org.c4tap.core.scope.PartScopes;
import org.c4tap.core.scope.Scope;
import org.c4tap.core.scope.ScopeChoice;

/** Reports for tests. */
public final class SampleReports {

    private SampleReports() {
    }

    /** A report as a reporter who chose GREEN gets it: mixed part scopes, one note. */
    public static Report green() {
        Map<Part, PartContent> parts = new EnumMap<>(Part.class);
        parts.put(Part.HEADERS, OriginalHeaders.basic("件名", "attacker@evil.example", List.of("victim@bank.example"), List.of(),
                "", "Thu, 26 Nov 2026 10:00:00 +0900", "<1@evil.example>"));
        parts.put(Part.ATTACHMENTS, new AttachmentList(List.of(new Attachment("a.zip", "application/zip", "1.2",
                Fingerprinter.of(new byte[] {1, 2, 3})))));
        parts.put(Part.INDICATORS, new Indicators(List.of(new UrlIndicator("http://evil.example/x", "evil.example")),
                List.of("evil.example")));
        parts.put(Part.BODY, new BodyExcerpt("本文", false));
        parts.put(Part.SPAM, SpamAnalysis.unavailable());
        parts.put(Part.REPORTER, new ReporterIdentity("taro@bank.example"));
        Map<Part, Scope> scopes = new EnumMap<>(Part.class);
        scopes.put(Part.INDICATORS, Scope.GREEN);
        scopes.put(Part.ATTACHMENTS, Scope.GREEN);
        scopes.put(Part.SPAM, Scope.GREEN);
        scopes.put(Part.HEADERS, Scope.AMBER);
        scopes.put(Part.BODY, Scope.AMBER);
        scopes.put(Part.PROVIDER_SECTOR, Scope.AMBER);
        return new Report(new ReportId("C4TAP-20261126-ABCDEFGHJK"), Instant.parse("2026-11-26T01:02:03Z"),
                new ScopeChoice(Scope.GREEN, ScopeChoice.Origin.SUBADDRESS), PartScopes.of(scopes), parts,
                List.of(new Note(Part.ATTACHMENTS, "unreadable_part", "part 1.3 could not be read")));
    }

    /** {@link #green()} under a new report id, as every report of a gateway has its own. */
    public static Report greenWithNewId() {
        Report green = green();
        return new Report(ReportId.generate(java.time.Clock.systemUTC()), Instant.now(), green.choice(), green.scopes(), green.parts(),
                green.notes());
    }

    /** {@link #green()} with its indicators and attachment fingerprints WHITE: what may be published. */
    public static Report whiteIndicators() {
        Report green = green();
        Map<Part, Scope> scopes = new EnumMap<>(green.scopes().asMap());
        scopes.put(Part.INDICATORS, Scope.WHITE);
        scopes.put(Part.ATTACHMENTS, Scope.WHITE);
        return new Report(green.id(), green.created(), green.choice(), PartScopes.of(scopes), green.parts(), green.notes());
    }
}
