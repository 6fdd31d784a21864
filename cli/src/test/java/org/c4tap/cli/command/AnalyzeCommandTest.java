package org.c4tap.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.c4tap.cli.Main;
import org.c4tap.core.testing.ReportSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code c4tap analyze FILE.eml}, in-process, on submissions this test writes byte by byte: what
 * it prints on standard output (the report JSON, valid against the schema in {@code config/}),
 * on standard error, and its exit status.
 */
class AnalyzeCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Charset ISO_2022_JP = Charset.forName("ISO-2022-JP");
    private static final List<String> PARTS = List.of("indicators", "attachments", "headers", "body", "spam", "reporter",
            "provider_name", "provider_sector");

    @TempDir
    Path directory;

    @Test
    void anAttachedForwardPrintsTheReportWithTheAttachmentsOwnHashes() throws Exception {
        byte[] attachment = new byte[4096];
        new Random(20261126).nextBytes(attachment);
        Path eml = write("attached.eml", attachedForward(attachment));

        Run analyze = run("analyze", eml.toString());

        assertThat(analyze.exitCode()).as(analyze.err()).isZero();
        assertThat(analyze.err()).isEmpty();
        JsonNode report = JSON.readTree(analyze.out());
        assertThat(ReportSchema.violations(report)).isEmpty();
        assertThat(report.path("version").asText()).isEqualTo("1.0");
        assertThat(report.path("report_id").asText()).matches("C4TAP-[0-9]{8}-[0-9A-HJKMNP-TV-Z]{10}");
        assertThat(report.at("/message/subject").asText()).isEqualTo("【至急】ご請求書送付のお知らせ（１１月分）");
        assertThat(report.at("/message/from").asText()).isEqualTo("経理部 佐藤 <keiri@invoice-check.example.net>");
        JsonNode file = report.path("attachments").get(0);
        assertThat(report.path("attachments")).hasSize(1);
        assertThat(file.path("filename").asText()).isEqualTo("請求書_2026年11月.xlsm");
        assertThat(file.path("size").asLong()).isEqualTo(4096);
        assertThat(file.path("md5").asText()).isEqualTo(digest("MD5", attachment));
        assertThat(file.path("sha1").asText()).isEqualTo(digest("SHA-1", attachment));
        assertThat(file.path("sha256").asText()).isEqualTo(digest("SHA-256", attachment));
        assertThat(file.path("sha512").asText()).isEqualTo(digest("SHA-512", attachment));
        assertThat(report.path("urls").get(0).path("url").asText()).isEqualTo("http://invoice-check.example.net/login?id=4821");
        // no --scope: the configured default (RED) for every part, from the gateway's configuration
        assertThat(report.at("/scope/requested").asText()).isEqualTo("RED");
        assertThat(report.at("/scope/origin").asText()).isEqualTo("configured_default");
        assertThat(partScopes(report)).containsExactly("RED", "RED", "RED", "RED", "RED", "RED", "RED", "RED");
        assertThat(report.at("/reporter/address").asText()).isEqualTo("taro.yamada@bank-a.example");
    }

    @Test
    void anInlineJapaneseOutlookForwardIsReadFromTheForwardBlock() throws Exception {
        Path eml = write("inline.eml", inlineOutlookForward());

        Run analyze = run("analyze", eml.toString());

        assertThat(analyze.exitCode()).as(analyze.err()).isZero();
        JsonNode report = JSON.readTree(analyze.out());
        assertThat(ReportSchema.violations(report)).isEmpty();
        assertThat(report.at("/message/subject").asText()).isEqualTo("年末調整の書類提出について");
        assertThat(report.at("/message/from").asText()).isEqualTo("人事部 <jinji@hr-update.example.com>");
        assertThat(report.at("/message/date").asText()).isEqualTo("2026年11月26日 9:30");
        assertThat(report.path("urls").get(0).path("url").asText()).isEqualTo("http://hr-update.example.com/nenmatsu/form");
        assertThat(report.at("/body/excerpt").asText()).startsWith("添付のファイルをご確認のうえ");
        List<String> notes = new ArrayList<>();
        report.path("notes").forEach(note -> notes.add(note.path("part").asText() + ":" + note.path("kind").asText()));
        assertThat(notes).contains("headers:inline_forward");
    }

    @Test
    void aSubmissionWithNothingRecognisableSaysSoAndPrintsNoReport() throws Exception {
        Path eml = write("nothing.eml", ("From: taro.yamada@bank-a.example\r\nTo: report@bank-a.example\r\nSubject: I got a weird mail\r\n\r\n"
                + "Someone sent me a strange invoice today, can you check?\r\n").getBytes(StandardCharsets.US_ASCII));

        Run analyze = run("analyze", eml.toString());

        assertThat(analyze.exitCode()).isEqualTo(3);
        assertThat(analyze.out()).isEmpty();
        assertThat(analyze.err()).contains("no reported mail found in " + eml).contains("nothing_recognised")
                .contains("as an attachment").doesNotContain("Exception");
    }

    @Test
    void scopeAmberLabelsEachPartAsWideAsThePolicyAllowsAndPseudonymisesTheVictim() throws Exception {
        byte[] attachment = new byte[1000];
        new Random(7).nextBytes(attachment);
        Path eml = write("amber.eml", attachedForward(attachment));

        Run analyze = run("analyze", eml.toString(), "--scope", "AMBER");

        assertThat(analyze.exitCode()).as(analyze.err()).isZero();
        JsonNode report = JSON.readTree(analyze.out());
        assertThat(ReportSchema.violations(report)).isEmpty();
        assertThat(report.at("/scope/requested").asText()).isEqualTo("AMBER");
        assertThat(report.at("/scope/origin").asText()).isEqualTo("subaddress");
        // indicators, attachments, headers, body, spam, reporter, provider_name, provider_sector
        assertThat(partScopes(report)).containsExactly("AMBER", "AMBER", "AMBER", "AMBER", "AMBER", "RED", "RED", "AMBER");
        assertThat(report.at("/message/to/0").asText()).endsWith("@pseudonym.invalid");
        assertThat(report.path("message").toString()).doesNotContain("taro.yamada@bank-a.example");
        assertThat(report.at("/reporter/address").asText()).isEqualTo("taro.yamada@bank-a.example");
        assertThat(report.at("/attachments/0/sha256").asText()).isEqualTo(digest("SHA-256", attachment));
    }

    @Test
    void aReportedMailThatSaysTlpWhiteWidensNothing() throws Exception {
        // forwarded with FW: before the attacker's subject, and with the subject copied as it is
        for (String prefix : List.of("FW: ", "")) {
            Path eml = write("white.eml", tlpWhiteInTheReportedMail(prefix));

            Run byDefault = run("analyze", eml.toString());

            assertThat(byDefault.exitCode()).as(byDefault.err()).isZero();
            JsonNode report = JSON.readTree(byDefault.out());
            assertThat(ReportSchema.violations(report)).isEmpty();
            assertThat(report.at("/message/subject").asText()).isEqualTo("[WHITE] TLP:WHITE 四半期の数値");
            assertThat(report.at("/body/excerpt").asText()).contains("TLP:WHITE");
            assertThat(report.at("/scope/requested").asText()).as("prefix '%s'", prefix).isEqualTo("RED");
            assertThat(report.at("/scope/origin").asText()).isEqualTo("configured_default");
            assertThat(partScopes(report)).containsOnly("RED");
        }

        Run asGreen = run("analyze", write("white.eml", tlpWhiteInTheReportedMail("")).toString(), "--scope", "GREEN");

        assertThat(asGreen.exitCode()).as(asGreen.err()).isZero();
        JsonNode green = JSON.readTree(asGreen.out());
        assertThat(green.at("/scope/requested").asText()).isEqualTo("GREEN");
        assertThat(partScopes(green)).containsExactly("GREEN", "GREEN", "AMBER", "AMBER", "GREEN", "RED", "RED", "AMBER");
    }

    @Test
    void twoAttachedMailsPrintAnArrayOfTwoReports() throws Exception {
        String first = "From: a@evil.example\r\nTo: taro.yamada@bank-a.example\r\nSubject: first\r\n\r\nhttp://one.evil.example/\r\n";
        String second = "From: b@evil.example\r\nTo: taro.yamada@bank-a.example\r\nSubject: second\r\n\r\nhttp://two.evil.example/\r\n";
        Path eml = write("two.eml", ("From: taro.yamada@bank-a.example\r\nTo: report@bank-a.example\r\nSubject: two\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"c\"\r\n\r\n--c\r\nContent-Type: text/plain\r\n\r\ntwo\r\n"
                + "--c\r\nContent-Type: message/rfc822\r\n\r\n" + first + "\r\n--c\r\nContent-Type: message/rfc822\r\n\r\n" + second
                + "\r\n--c--\r\n").getBytes(StandardCharsets.US_ASCII));

        Run analyze = run("analyze", eml.toString());

        assertThat(analyze.exitCode()).as(analyze.err()).isZero();
        JsonNode reports = JSON.readTree(analyze.out());
        assertThat(reports.isArray()).isTrue();
        assertThat(reports).hasSize(2);
        assertThat(reports.get(0).at("/message/subject").asText()).isEqualTo("first");
        assertThat(reports.get(1).at("/message/subject").asText()).isEqualTo("second");
        assertThat(reports.get(0).path("report_id").asText()).isNotEqualTo(reports.get(1).path("report_id").asText());
        reports.forEach(report -> assertThat(ReportSchema.violations(report)).isEmpty());
    }

    @Test
    void anUnknownScopeOrAMissingFileIsAUsageErrorWithAClearMessage() throws Exception {
        Path eml = write("nothing.eml", "From: a@bank-a.example\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));

        Run purple = run("analyze", eml.toString(), "--scope", "TLP:CLEAR");
        Run missing = run("analyze", directory.resolve("absent.eml").toString());

        assertThat(purple.exitCode()).isEqualTo(2);
        assertThat(purple.out()).isEmpty();
        assertThat(purple.err()).contains("'TLP:CLEAR' is not a scope: RED, AMBER, YELLOW, GREEN or WHITE").doesNotContain("Exception");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.err()).contains("cannot read " + directory.resolve("absent.eml")).doesNotContain("Exception");
    }

    // --- the submissions, as employees' mail clients send them

    /** Outlook's "forward as attachment": the suspicious mail as message/rfc822, with an ISO-2022-JP subject and an attachment. */
    private static byte[] attachedForward(byte[] attachment) {
        byte[] subject = "【至急】ご請求書送付のお知らせ（１１月分）".getBytes(ISO_2022_JP);
        String original = "From: =?ISO-2022-JP?B?" + b64("経理部 佐藤".getBytes(ISO_2022_JP)) + "?= <keiri@invoice-check.example.net>\r\n"
                + "To: taro.yamada@bank-a.example\r\n"
                + "Subject: =?ISO-2022-JP?B?" + b64(subject) + "?=\r\n"
                + "Date: Thu, 26 Nov 2026 10:15:00 +0900\r\n"
                + "Message-ID: <20261126101500.1@invoice-check.example.net>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"inner\"\r\n\r\n"
                + "--inner\r\nContent-Type: text/plain; charset=US-ASCII\r\n\r\n"
                + "Please check the invoice: http://invoice-check.example.net/login?id=4821\r\n"
                + "--inner\r\nContent-Type: application/vnd.ms-excel.sheet.macroEnabled.12\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename*=UTF-8''" + percent("請求書_2026年11月.xlsm") + "\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(attachment) + "\r\n--inner--\r\n";
        String carrier = "From: taro.yamada@bank-a.example\r\nTo: report@bank-a.example\r\nSubject: FW: suspicious\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"carrier\"\r\n\r\n"
                + "--carrier\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + b64("不審なメールを受信しました。\r\n".getBytes(StandardCharsets.UTF_8)) + "\r\n"
                + "--carrier\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment; filename=\"invoice.eml\"\r\n\r\n"
                + original + "\r\n--carrier--\r\n";
        return carrier.getBytes(StandardCharsets.US_ASCII);
    }

    /** Japanese Outlook's inline forward: the original's header block in Japanese, in the forwarder's own ISO-2022-JP text. */
    private static byte[] inlineOutlookForward() {
        String body = "確認お願いします。\r\n\r\n________________________________\r\n"
                + "差出人: 人事部 <jinji@hr-update.example.com>\r\n"
                + "送信日時: 2026年11月26日 9:30\r\n"
                + "宛先: 山田 太郎 <taro.yamada@bank-a.example>\r\n"
                + "件名: 年末調整の書類提出について\r\n\r\n"
                + "添付のファイルをご確認のうえ、本日中にご提出ください。\r\n"
                + "http://hr-update.example.com/nenmatsu/form\r\n";
        String carrier = "From: taro.yamada@bank-a.example\r\nTo: report@bank-a.example\r\n"
                + "Subject: =?ISO-2022-JP?B?" + b64("転送: 年末調整の書類提出について".getBytes(ISO_2022_JP)) + "?=\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=\"iso-2022-jp\"\r\nContent-Transfer-Encoding: 7bit\r\n\r\n"
                + new String(body.getBytes(ISO_2022_JP), StandardCharsets.ISO_8859_1);
        return carrier.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The attacker's text claims TLP:WHITE, in the reported mail's subject and body; the reporter's own subject carries it along. */
    private static byte[] tlpWhiteInTheReportedMail(String forwardPrefix) {
        String subject = "[WHITE] TLP:WHITE 四半期の数値";
        String original = "From: ir@evil.example\r\nTo: taro.yamada@bank-a.example\r\n"
                + "Subject: =?UTF-8?B?" + b64(subject.getBytes(StandardCharsets.UTF_8)) + "?=\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + b64("TLP:WHITE この情報は自由に共有できます。 https://ir.evil.example/q3\r\n".getBytes(StandardCharsets.UTF_8)) + "\r\n";
        String carrier = "From: taro.yamada@bank-a.example\r\nTo: report@bank-a.example\r\n"
                + "Subject: =?UTF-8?B?" + b64((forwardPrefix + subject).getBytes(StandardCharsets.UTF_8)) + "?=\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"c\"\r\n\r\n--c\r\nContent-Type: text/plain\r\n\r\nFYI\r\n"
                + "--c\r\nContent-Type: message/rfc822\r\n\r\n" + original + "\r\n--c--\r\n";
        return carrier.getBytes(StandardCharsets.US_ASCII);
    }

    // --- helpers

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(directory.resolve(name), bytes);
    }

    private static List<String> partScopes(JsonNode report) {
        List<String> scopes = new ArrayList<>();
        assertThat(iterable(report.at("/scope/parts").fieldNames())).containsExactlyElementsOf(PARTS);
        PARTS.forEach(part -> scopes.add(report.at("/scope/parts/" + part).asText()));
        return scopes;
    }

    private static <T> List<T> iterable(java.util.Iterator<T> iterator) {
        List<T> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }

    private static String digest(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String percent(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            String piece = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                    ? String.valueOf((char) c) : String.format("%%%02X", c);
            out.writeBytes(piece.getBytes(StandardCharsets.US_ASCII));
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(arguments);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void aLimitGivenOnTheCommandLineBoundsTheAnalysisAndItsNoteSaysSo() throws Exception {
        StringBuilder parts = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            parts.append("--b\r\nContent-Type: text/plain\r\n\r\n").append(i).append("\r\n");
        }
        Path file = directory.resolve("limited.eml");
        Files.writeString(file, "From: taro@bank-a.example\r\nTo: report@bank-a.example\r\nSubject: FW\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"c\"\r\n\r\n--c\r\nContent-Type: message/rfc822\r\n\r\n"
                + "From: x@evil.example\r\nSubject: parts\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n" + parts
                + "--b--\r\n\r\n--c--\r\n", StandardCharsets.US_ASCII);

        picocli.CommandLine commandLine = Main.commandLine();
        commandLine.parseArgs("analyze", file.toString(), "--limit", "maxParts=5", "--limit", "maxArchiveDepth=2");
        AnalyzeCommand parsed = commandLine.getSubcommands().get("analyze").getCommand();
        assertThat(parsed.limitOptions).containsExactly(java.util.Map.entry("maxParts", 5L), java.util.Map.entry("maxArchiveDepth", 2L));

        List<org.c4tap.core.report.Report> limited = AnalyzeCommand.analyze(file, null, "RED", null,
                org.c4tap.core.privacy.Pseudonyms.none(), AnalyzeCommand.limits(parsed.limitOptions));
        List<org.c4tap.core.report.Report> standard = AnalyzeCommand.analyze(file, null, "RED", null,
                org.c4tap.core.privacy.Pseudonyms.none());
        assertThat(limited.get(0).notes()).extracting(org.c4tap.core.report.Note::kind).contains("part_limit");
        assertThat(standard.get(0).notes()).extracting(org.c4tap.core.report.Note::kind).doesNotContain("part_limit");
    }

    @Test
    void anUnknownLimitIsRefusedWithTheKnownNames() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AnalyzeCommand.limits(java.util.Map.of("maxPart", 5L)))
                .isInstanceOf(picocli.CommandLine.ParameterException.class)
                .hasMessageContaining("unknown limit 'maxPart'").hasMessageContaining("maxParts");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AnalyzeCommand.limits(java.util.Map.of("maxParts", 0L)))
                .hasMessageContaining("positive");
    }
}
