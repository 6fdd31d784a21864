package org.c4tap.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.c4tap.core.entity.ReportEntity;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.privacy.Pseudonyms;
import org.c4tap.core.report.Report;
import org.c4tap.core.report.ReportJson;
import org.c4tap.core.scope.Scope;
import org.c4tap.core.scope.ScopeChoice;
import org.c4tap.core.submission.Submission;
import org.c4tap.core.testing.Corpus;
import org.c4tap.core.testing.FuzzSeeds;
import org.c4tap.core.testing.Mails;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target: the bytes of a submission, as the operator gateway receives it, through the whole
 * analysis its BuildReport mailet runs (find the reported mails, fingerprint and inspect their
 * attachments, extract indicators, assign scopes, pseudonymise) and on to the report entity that
 * is sealed for the council. The property: the analysis never throws, whatever the mail; every
 * report it makes renders as JSON and as a MIME entity, and the council reads the same report back
 * from that entity's bytes.
 *
 * <p>Seeds: the corpus of forwards ({@link Corpus}: attached, inline, .eml, Outlook .msg, TNEF,
 * lying charsets, broken base64) and a plain forward of a mail with an attachment.
 */
class SubmissionFuzzTest {

    private static final Analyzer ANALYZER = new Analyzer(AnalysisSettings.standard(Scope.RED).withPseudonyms(
            new Pseudonyms("fuzz pseudonym secret (32 bytes).".getBytes(StandardCharsets.UTF_8), "bank-a.example"::equals)));
    private static final ScopeChoice CHOICE = new ScopeChoice(Scope.RED, ScopeChoice.Origin.CONFIGURED_DEFAULT);

    @FuzzTest
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    @DictionaryFile(resourcePath = "SubmissionFuzzTest.dict")
    void analyze(byte[] input) throws Exception {
        MimeMessage carrier;
        try {
            carrier = MimeParts.parse(input);
        } catch (MessagingException unreadable) {
            return; // no mail at all: the mail server would not have accepted it
        }

        List<Report> reports = ANALYZER.analyze(new Submission(carrier, "taro.yamada@bank-a.example", CHOICE));

        for (Report report : reports) {
            assertThat(ReportJson.toTree(report).path("report_id").asText()).isEqualTo(report.id().value());
            MimeBodyPart entity = ReportEntity.render(report);
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            entity.writeTo(wire);
            Report read = ReportEntity.parse(new MimeBodyPart(new ByteArrayInputStream(wire.toByteArray())));
            assertThat(read).isEqualTo(report);
            ReportEntity.toMessage(report).writeTo(new ByteArrayOutputStream());
        }
    }

    /** The corpus of forwards, with CRLF as sent, and a forward built by jakarta.mail. */
    static Map<String, byte[]> seeds() throws Exception {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        for (Corpus.Fixture fixture : Corpus.all()) {
            seeds.put(fixture.name(), fixture.submission());
        }
        seeds.put("forward-with-attachment", Mails.bytes(Mails.forward(Mails.suspicious("【重要】請求書",
                "https://invoice.example.net/login をご確認ください", "請求書.zip", Corpus.attachment(200, 3)), "taro@bank-a.example")));
        return seeds;
    }

    @Test
    void theSeedCorpusIsCommittedAndEachSeedMakesAReport() throws Exception {
        assertThat(FuzzSeeds.writeMissing(getClass(), "analyze", seeds())).as("seeds written now: commit them").isEmpty();
        int reported = 0;
        for (Map.Entry<String, byte[]> seed : FuzzSeeds.committed(getClass(), "analyze").entrySet()) {
            if (seed.getKey().startsWith(FuzzSeeds.PREFIX) && !seed.getKey().contains("nothing-recognisable")) {
                assertThat(ANALYZER.analyze(new Submission(MimeParts.parse(seed.getValue()), "t@bank-a.example", CHOICE)))
                        .as(seed.getKey()).isNotEmpty();
                reported++;
            }
        }
        assertThat(reported).isGreaterThanOrEqualTo(13);
    }
}
