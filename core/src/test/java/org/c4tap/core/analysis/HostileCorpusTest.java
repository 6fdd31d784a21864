package org.c4tap.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.c4tap.core.entity.ReportEntity;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.report.Note;
import org.c4tap.core.report.Report;
import org.c4tap.core.report.ReportJson;
import org.c4tap.core.scope.Scope;
import org.c4tap.core.scope.ScopeChoice;
import org.c4tap.core.submission.ReadLimits;
import org.c4tap.core.submission.Submission;
import org.c4tap.core.testing.HostileCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every hostile case through the operator's analysis exactly as the BuildReport mailet runs it
 * (the size check, then the analyzer, then the report entity), with the standard limits: each ends
 * in the outcome its case names, reports whose notes say what could not be read or a refusal with
 * its reason, and nothing throws. The per-case timeout guards against a hang; it is no speed claim.
 */
class HostileCorpusTest {


    static Stream<HostileCorpus.Case> cases() {
        return HostileCorpus.all().stream();
    }

    @Test
    void theCorpusHoldsAtLeast300DistinctCasesInEveryCategory() throws Exception {
        List<HostileCorpus.Case> all = HostileCorpus.all();
        assertThat(all).hasSizeGreaterThanOrEqualTo(300);
        Set<String> payloads = new HashSet<>();
        Set<String> submissions = new HashSet<>();
        Set<String> names = new HashSet<>();
        Map<HostileCorpus.Category, Integer> perCategory = new EnumMap<>(HostileCorpus.Category.class);
        for (HostileCorpus.Case hostile : all) {
            assertThat(payloads.add(HostileCorpus.Fingerprints.sha256(hostile.payload()))).as("distinct payload: " + hostile).isTrue();
            String untagged = new String(hostile.submission(), StandardCharsets.ISO_8859_1).replace(hostile.messageId(), "");
            assertThat(submissions.add(HostileCorpus.Fingerprints.sha256(untagged.getBytes(StandardCharsets.ISO_8859_1))))
                    .as("distinct submission without its Message-ID: " + hostile).isTrue();
            assertThat(names.add(hostile.name())).as("distinct name: " + hostile).isTrue();
            assertThat(new String(hostile.submission(), StandardCharsets.ISO_8859_1)).as("tagged: " + hostile).contains(hostile.messageId());
            perCategory.merge(hostile.category(), 1, Integer::sum);
        }
        assertThat(perCategory.keySet()).containsExactlyInAnyOrder(HostileCorpus.Category.values());
        perCategory.forEach((category, count) -> assertThat(count).as(category.name()).isGreaterThanOrEqualTo(2));
        assertThat(HostileCorpus.all()).as("generated the same way every time").isSameAs(all);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void endsInItsExpectedOutcome(HostileCorpus.Case hostile) throws Exception {
        Outcome outcome = run(hostile.submission(), ReadLimits.STANDARD);

        switch (hostile.expected()) {
            case HostileCorpus.Refused refused -> assertThat(outcome.refusal()).as(describe(hostile, outcome)).isEqualTo(refused.reason());
            case HostileCorpus.Reported reported -> {
                assertThat(outcome.refusal()).as(describe(hostile, outcome)).isNull();
                if (reported.count() > 0) {
                    assertThat(outcome.reports()).as(describe(hostile, outcome)).hasSize(reported.count());
                } else {
                    assertThat(outcome.reports()).as(describe(hostile, outcome)).isNotEmpty();
                }
                List<String> kinds = kinds(outcome.reports().get(0));
                assertThat(kinds).as(describe(hostile, outcome)).containsAll(reported.notes());
                if (!reported.anyOf().isEmpty()) {
                    assertThat(kinds).as(describe(hostile, outcome)).containsAnyElementsOf(reported.anyOf());
                }
                List<JsonNode> trees = outcome.reports().stream().<JsonNode>map(ReportJson::toTree).toList();
                assertThat(reported.check().holds().test(trees)).as(reported.check().description() + "; " + describe(hostile, outcome)).isTrue();
            }
        }
    }

    /** What BuildReport decides for a submission of these bytes; its report entities are built too. */
    static Outcome run(byte[] submission, ReadLimits limits) throws Exception {
        if (submission.length > limits.maxMessageBytes()) {
            return new Outcome(List.of(), "too_large");
        }
        List<Report> reports = new Analyzer(AnalysisSettings.standard(Scope.RED).withLimits(limits)).analyze(new Submission(MimeParts.parse(submission), HostileCorpus.EMPLOYEE,
                new ScopeChoice(Scope.RED, ScopeChoice.Origin.CONFIGURED_DEFAULT)));
        if (reports.isEmpty()) {
            return new Outcome(List.of(), "nothing_recognised");
        }
        for (Report report : reports) {
            // as the next mailet reads it: from the bytes the server stored
            byte[] stored = org.c4tap.core.testing.Mails.bytes(ReportEntity.toMessage(report));
            assertThat(ReportJson.write(ReportEntity.parse(MimeParts.parse(stored)))).as("the report read back from its stored bytes")
                    .isEqualTo(ReportJson.write(report));
        }
        return new Outcome(reports, null);
    }

    record Outcome(List<Report> reports, String refusal) {
    }

    private static List<String> kinds(Report report) {
        return report.notes().stream().map(Note::kind).toList();
    }

    private static String describe(HostileCorpus.Case hostile, Outcome outcome) {
        if (outcome.refusal() != null) {
            return hostile + ": refused " + outcome.refusal();
        }
        List<String> summary = new ArrayList<>();
        for (Report report : outcome.reports().subList(0, Math.min(2, outcome.reports().size()))) {
            JsonNode tree = ReportJson.toTree(report);
            summary.add("subject=" + tree.path("message").path("subject").asText() + " notes=" + kinds(report)
                    + " attachments=" + tree.path("attachments").size());
        }
        return hostile + ": " + outcome.reports().size() + " report(s) " + summary;
    }
}
