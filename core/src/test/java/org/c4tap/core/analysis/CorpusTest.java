package org.c4tap.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.privacy.Pseudonyms;
import org.c4tap.core.report.Report;
import org.c4tap.core.report.ReportJson;
import org.c4tap.core.scope.Scope;
import org.c4tap.core.scope.ScopeChoice;
import org.c4tap.core.submission.ReportAddress;
import org.c4tap.core.submission.Submission;
import org.c4tap.core.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus submission, with CRLF and with bare LF line ends, against the report expected
 * beside it ({@code corpus/<name>.expected.json}): the fields a reader relies on, without the
 * report id and time. On a mismatch the actual projection is written to
 * {@code target/corpus-actual/} for review.
 */
class CorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ReportAddress REPORT = ReportAddress.parse("report@bank-a.example");
    private static final Analyzer ANALYZER = new Analyzer(AnalysisSettings.standard(Scope.RED).withPseudonyms(
            new Pseudonyms("corpus pseudonym secret (32 bytes)".getBytes(StandardCharsets.UTF_8), "bank-a.example"::equals)));

    static Stream<Arguments> fixtures() {
        List<Arguments> arguments = new ArrayList<>();
        for (Corpus.Fixture fixture : Corpus.all()) {
            arguments.add(Arguments.of(fixture.name(), "crlf", fixture));
            arguments.add(Arguments.of(fixture.name(), "lf", fixture));
        }
        return arguments.stream();
    }

    @Test
    void theCorpusIsNotEmpty() {
        assertThat(Corpus.all()).hasSizeGreaterThanOrEqualTo(10);
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("fixtures")
    void matchesItsExpectedReport(String name, String lineEnds, Corpus.Fixture fixture) throws Exception {
        byte[] bytes = lineEnds.equals("lf")
                ? new String(fixture.submission(), StandardCharsets.ISO_8859_1).replace("\r\n", "\n").getBytes(StandardCharsets.ISO_8859_1)
                : fixture.submission();
        ScopeChoice choice = REPORT.requestedBy(fixture.recipient())
                .orElse(new ScopeChoice(Scope.RED, ScopeChoice.Origin.CONFIGURED_DEFAULT));
        List<Report> reports = ANALYZER.analyze(new Submission(MimeParts.parse(bytes), "taro.yamada@bank-a.example", choice));
        String actual = JSON.writeValueAsString(project(reports));
        JsonNode expected;
        try (InputStream in = getClass().getResourceAsStream("/corpus/" + name + ".expected.json")) {
            expected = in == null ? null : JSON.readTree(in);
        }
        if (expected == null || !expected.equals(JSON.readTree(actual))) {
            Path out = Path.of("target/corpus-actual");
            Files.createDirectories(out);
            Files.writeString(out.resolve(name + ".actual.json"), actual + "\n");
        }
        assertThat(expected).as("corpus/%s.expected.json (actual written to target/corpus-actual/)", name).isNotNull();
        assertThat(JSON.readTree(actual)).as(name + " " + lineEnds).isEqualTo(expected);
    }

    /** The fields of each report that the corpus pins: everything but identity and time. */
    static ObjectNode project(List<Report> reports) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode array = root.putArray("reports");
        for (Report report : reports) {
            JsonNode full = ReportJson.toTree(report);
            ObjectNode projected = array.addObject();
            projected.set("scope", full.path("scope"));
            projected.set("message", without(full.path("message"), "headers"));
            ArrayNode attachments = projected.putArray("attachments");
            for (JsonNode attachment : full.path("attachments")) {
                attachments.addObject().put("filename", attachment.path("filename").asText())
                        .put("content_type", attachment.path("content_type").asText())
                        .put("size", attachment.path("size").asLong())
                        .put("sha256", attachment.path("sha256").asText());
            }
            projected.set("urls", full.path("urls"));
            projected.set("indicators", full.path("indicators"));
            String body = full.path("body").path("excerpt").asText().replace("\r", "");
            projected.put("body_begins", body.substring(0, Math.min(40, body.length())));
            ArrayNode notes = projected.putArray("notes");
            full.path("notes").forEach(note -> notes.add(note.path("part").asText() + ":" + note.path("kind").asText()));
        }
        return root;
    }

    private static JsonNode without(JsonNode node, String field) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = object.deepCopy();
            copy.remove(field);
            return copy;
        }
        return node;
    }
}
