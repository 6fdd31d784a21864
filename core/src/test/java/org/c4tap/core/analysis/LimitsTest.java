package org.c4tap.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.c4tap.core.inspection.HostileArchives;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.report.Note;
import org.c4tap.core.report.Report;
import org.c4tap.core.scope.Scope;
import org.c4tap.core.scope.ScopeChoice;
import org.c4tap.core.submission.ReadLimits;
import org.c4tap.core.submission.Submission;
import org.c4tap.core.testing.Corpus;
import org.c4tap.core.testing.MsgFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bound of {@link ReadLimits}, one case each: a submission just past a small configured bound
 * gets that bound's note (and the report is still built), and the same submission under the
 * standard limits gets none.
 */
class LimitsTest {

    static Stream<Arguments> limits() {
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of("maxHeaderBytes", 2000L, attached(header("X-Padding: " + "p".repeat(70) + "\r\n", 60), "body"), "header_limit"));
        cases.add(Arguments.of("maxHeaderFields", 10L, attached(header("X-Field: f\r\n", 20), "body"), "header_limit"));
        cases.add(Arguments.of("maxParts", 5L, attached(multipart("mixed", parts(10)), ""), "part_limit"));
        cases.add(Arguments.of("maxDepth", 3L, attached(nested(5), ""), "depth_limit"));
        cases.add(Arguments.of("maxReportedMails", 2L, reportedMails(3), "reported_mail_limit"));
        cases.add(Arguments.of("maxTextChars", 100L, attached("Content-Type: text/plain\r\n", "x".repeat(300)
                + " https://evil.example/late\r\n"), "text_limit"));
        cases.add(Arguments.of("maxInspectedBytes", 100L, withAttachment("a.zip", HostileArchives.zip(Map.of("a.txt", new byte[500]))),
                "not_inspected"));
        cases.add(Arguments.of("maxSpamBytes", 100L, attached("Content-Type: text/plain\r\n", "y".repeat(200)), "not_checked"));
        cases.add(Arguments.of("maxArchiveDepth", 1L, withAttachment("n.zip", HostileArchives.zipOfZips(2, "x.txt", new byte[] {1})),
                "depth_limit"));
        cases.add(Arguments.of("maxArchiveEntries", 3L, withAttachment("m.zip", HostileArchives.manyEntries(5)), "entry_limit"));
        Map<String, byte[]> two = new LinkedHashMap<>();
        two.put("a.zip", HostileArchives.manyEntries(2));
        two.put("b.zip", HostileArchives.manyEntries(2));
        cases.add(Arguments.of("maxArchiveEntriesInAll", 3L, withAttachment("two.zip", HostileArchives.zip(two)), "entry_limit"));
        cases.add(Arguments.of("maxArchiveEntryBytes", 100L, withAttachment("e.zip", HostileArchives.zip(Map.of("e.bin",
                Corpus.attachment(1000, 1)))), "size_limit"));
        Map<String, byte[]> pair = new LinkedHashMap<>();
        pair.put("a.bin", Corpus.attachment(800, 2));
        pair.put("b.bin", Corpus.attachment(800, 3));
        cases.add(Arguments.of("maxArchiveBytes", 1000L, withAttachment("p.zip", HostileArchives.zip(pair)), "archive_bomb"));
        cases.add(Arguments.of("maxArchiveRatio", 2L, withAttachment("text.zip", HostileArchives.zip(Map.of("log.txt", lines(60_000)))),
                "archive_bomb"));
        Map<String, byte[]> slow = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            slow.put("r" + i + ".bin", Corpus.attachment(2 * 1024 * 1024, 10 + i));
        }
        cases.add(Arguments.of("maxArchiveMillis", 1L, withAttachment("slow.zip", HostileArchives.zip(slow)), "time_limit"));
        cases.add(Arguments.of("maxOutlookBytes", 1000L, msg(Corpus.outlookMsgFile()), "limit_exceeded"));
        cases.add(Arguments.of("maxOutlookAttachments", 1L, msg(MsgFiles.builder().subject("two files").textBody("x")
                .attachment("a.bin", new byte[] {1}).attachment("b.bin", new byte[] {2}).build()), "limit_exceeded"));
        cases.add(Arguments.of("maxOutlookDepth", 1L, msg(MsgFiles.builder().subject("outer").textBody("x")
                .embedded(MsgFiles.builder().subject("middle").textBody("y").embedded(MsgFiles.builder().subject("inner").textBody("z")))
                .build()), "limit_exceeded"));
        cases.add(Arguments.of("maxOutlookPropertyBytes", 50L, msg(MsgFiles.builder().subject("long body").textBody("z".repeat(500))
                .build()), "limit_exceeded"));
        return cases.stream();
    }

    @Test
    void everyLimitHasItsCase() {
        List<String> covered = new ArrayList<>(limits().map(arguments -> (String) arguments.get()[0]).toList());
        covered.add("maxMessageBytes");
        assertThat(covered).containsExactlyInAnyOrderElementsOf(ReadLimits.NAMES);
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("limits")
    void pastTheLimitTheReportSaysSoAndUnderItNothingIsSaid(String name, long value, byte[] submission, String kind) throws Exception {
        List<Report> standard = analyze(ReadLimits.STANDARD, submission);
        assertThat(standard).isNotEmpty();
        assertThat(standard).allSatisfy(report -> assertThat(kinds(report)).as("under the standard limits").doesNotContain(kind));

        List<Report> limited = analyze(ReadLimits.STANDARD.with(name, value), submission);
        assertThat(limited).as("a report is still built").isNotEmpty();
        assertThat(kinds(limited.get(0))).as(name + "=" + value).contains(kind);
        if (name.equals("maxReportedMails")) {
            assertThat(standard).hasSize(3);
            assertThat(limited).hasSize(2);
        }
        if (name.equals("maxTextChars")) {
            assertThat(urls(standard.get(0))).contains("https://evil.example/late");
            assertThat(urls(limited.get(0))).isEmpty();
        }
    }

    @Test
    void maxMessageBytesRefusesTheSubmissionUnread() throws Exception {
        byte[] submission = attached("Content-Type: text/plain\r\n", "z".repeat(3000));
        assertThat(HostileCorpusTest.run(submission, ReadLimits.STANDARD).refusal()).isNull();
        assertThat(HostileCorpusTest.run(submission, ReadLimits.STANDARD.with("maxMessageBytes", 2000)).refusal()).isEqualTo("too_large");
    }

    @Test
    void limitsAreSetByNameAndRefuseUnknownNamesAndBadValues() {
        for (String name : ReadLimits.NAMES) {
            assertThat(ReadLimits.STANDARD.with(name, 7).value(name)).as(name).isEqualTo(7);
            assertThat(ReadLimits.STANDARD.with(name, 7).with(name, ReadLimits.STANDARD.value(name))).as(name).isEqualTo(ReadLimits.STANDARD);
        }
        assertThatThrownBy(() -> ReadLimits.STANDARD.with("maxPart", 5)).hasMessageContaining("unknown limit 'maxPart'")
                .hasMessageContaining("maxParts");
        assertThatThrownBy(() -> ReadLimits.STANDARD.with("maxParts", 0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> ReadLimits.STANDARD.with("maxParts", 1L << 40)).hasMessageContaining("at most");
    }

    private static List<Report> analyze(ReadLimits limits, byte[] submission) throws Exception {
        Analyzer analyzer = new Analyzer(AnalysisSettings.standard(Scope.RED).withLimits(limits));
        return analyzer.analyze(new Submission(MimeParts.parse(submission), "taro.yamada@bank-a.example",
                new ScopeChoice(Scope.RED, ScopeChoice.Origin.CONFIGURED_DEFAULT)));
    }

    private static List<String> kinds(Report report) {
        return report.notes().stream().map(Note::kind).toList();
    }

    private static List<String> urls(Report report) {
        return report.part(org.c4tap.core.report.Indicators.class).orElseThrow().urls().stream().map(url -> url.url()).toList();
    }

    private static String header(String field, int times) {
        return field.repeat(times) + "Content-Type: text/plain\r\n";
    }

    private static String multipart(String subtype, String body) {
        return "Content-Type: multipart/" + subtype + "; boundary=\"b\"\r\n\r\n" + body;
    }

    private static String parts(int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append("--b\r\nContent-Type: text/plain\r\n\r\n").append(i).append("\r\n");
        }
        return out + "--b--\r\n";
    }

    private static String nested(int depth) {
        StringBuilder open = new StringBuilder("Content-Type: multipart/mixed; boundary=\"n0\"\r\n\r\n");
        StringBuilder close = new StringBuilder();
        for (int level = 0; level < depth; level++) {
            open.append("--n").append(level).append("\r\nContent-Type: multipart/mixed; boundary=\"n").append(level + 1).append("\"\r\n\r\n");
            close.insert(0, "--n" + level + "--\r\n");
        }
        return open + "--n" + depth + "\r\nContent-Type: text/plain\r\n\r\nx\r\n--n" + depth + "--\r\n" + close;
    }

    private static byte[] lines(int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append("2026-11-26 10:00:").append(i % 60).append(" request ").append(i * 7919 % 100_003).append(" served\n");
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A reported mail with these header fields (CRLF-terminated, Content-Type included) and body, attached as message/rfc822. */
    private static byte[] attached(String headers, String body) {
        String mail = "From: x@evil.example\r\nTo: taro.yamada@bank-a.example\r\nSubject: limits\r\nMIME-Version: 1.0\r\n" + headers
                + (body.isEmpty() && headers.contains("\r\n\r\n") ? "" : "\r\n" + body);
        return carrier("--c\r\nContent-Type: message/rfc822\r\n\r\n" + mail + "\r\n");
    }

    private static byte[] withAttachment(String name, byte[] content) {
        return attached(multipart("mixed", "--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--b\r\nContent-Type: application/octet-stream; name=\""
                + name + "\"\r\nContent-Disposition: attachment; filename=\"" + name + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(content) + "\r\n--b--\r\n"), "");
    }

    private static byte[] reportedMails(int count) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < count; i++) {
            body.append("--c\r\nContent-Type: message/rfc822\r\n\r\nFrom: x@evil.example\r\nSubject: mail ").append(i)
                    .append("\r\n\r\nhttps://evil.example/").append(i).append("\r\n");
        }
        return carrier(body.toString());
    }

    private static byte[] msg(byte[] file) {
        return carrier("--c\r\nContent-Type: application/vnd.ms-outlook; name=\"m.msg\"\r\nContent-Disposition: attachment; filename=\"m.msg\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(file) + "\r\n");
    }

    private static byte[] carrier(String parts) {
        return ("From: taro.yamada@bank-a.example\r\nTo: report@bank-a.example\r\nSubject: FW: limits\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"c\"\r\n\r\n--c\r\nContent-Type: text/plain\r\n\r\nplease check\r\n" + parts
                + "--c--\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }
}
