package org.c4tap.bench.input;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.c4tap.core.analysis.AnalysisSettings;
import org.c4tap.core.analysis.Analyzer;
import org.c4tap.core.entity.ReportEntity;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.privacy.Pseudonyms;
import org.c4tap.core.report.Report;
import org.c4tap.core.scope.Scope;
import org.c4tap.core.scope.ScopeChoice;
import org.c4tap.core.submission.Submission;

/**
 * Reports as the operator's gateway builds them, by analysing a {@link SampleForward} with the
 * settings a gateway runs with (standard limits and scope policy, the operator's domain
 * pseudonymised, no spam filter), the reporter asking for GREEN by sub-address.
 */
public final class SampleReports {

    /** Links in the reported mail that make the report's entity (text, JSON, STIX, headers) about 200 KB. */
    static final int LINKS_FOR_200_KB = 149;

    private SampleReports() {
    }

    public static AnalysisSettings settings() {
        return AnalysisSettings.standard(Scope.AMBER)
                .withPseudonyms(new Pseudonyms("benchmark-pseudonym-secret".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        domain -> domain.equals(SampleForward.OPERATOR_DOMAIN) || domain.endsWith("." + SampleForward.OPERATOR_DOMAIN)));
    }

    public static Submission submission(byte[] forward) {
        try {
            return new Submission(MimeParts.parse(forward), "taro.yamada@" + SampleForward.OPERATOR_DOMAIN,
                    new ScopeChoice(Scope.GREEN, ScopeChoice.Origin.SUBADDRESS));
        } catch (MessagingException e) {
            throw new IllegalStateException("the sample forward does not parse", e);
        }
    }

    /** The report of the typical 200 KB forward. */
    public static Report typical() {
        return analyse(SampleForward.typical());
    }

    /** A report whose entity, as the sealer signs it, is about 200 KB: the typical forward with many more links. */
    public static Report large() {
        SampleForward typical = SampleForward.typical();
        return analyse(new SampleForward(typical.attachmentName(), typical.attachmentType(), typical.attachment(), typical.image(),
                LINKS_FOR_200_KB));
    }

    /** The serialised size of the report's entity: what gets signed and encrypted. */
    public static int entitySize(Report report) {
        try {
            MimeBodyPart entity = ReportEntity.render(report);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            entity.writeTo(out);
            return out.size();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Report analyse(SampleForward forward) {
        List<Report> reports = new Analyzer(settings()).analyze(submission(forward.bytes()));
        if (reports.size() != 1) {
            throw new IllegalStateException("the sample forward gave " + reports.size() + " reports, not one");
        }
        return reports.get(0);
    }
}
