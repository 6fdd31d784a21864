package org.c4tap.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZOutputFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.c4tap.core.analysis.AnalysisSettings;
import org.c4tap.core.analysis.Analyzer;
import org.c4tap.core.inspection.ArchiveFormat;
import org.c4tap.core.inspection.Flag;
import org.c4tap.core.inspection.NameEncoding;
import org.c4tap.core.inspection.PpapZip;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.privacy.Pseudonyms;
import org.c4tap.core.registry.Sector;
import org.c4tap.core.scope.Part;
import org.c4tap.core.scope.Scope;
import org.c4tap.core.scope.ScopeChoice;
import org.c4tap.core.submission.ReportAddress;
import org.c4tap.core.submission.Submission;
import org.c4tap.core.testing.Corpus;
import org.c4tap.core.testing.ReportSchema;
import org.c4tap.core.testing.SampleReports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code config/c4tap-report.schema.json} describes exactly what {@link ReportJson} writes: every
 * report the corpus and the archive fixtures make, with and without the council's provider parts,
 * restricted to every scope and read back, validates with no error; and the schema refuses what
 * the writer never writes (a missing contract key, an unknown label, an unexpected member), so
 * that a change to either side that the other does not follow fails here.
 */
class ReportSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReportAddress REPORT = ReportAddress.parse("report@bank-a.example");
    private static final Analyzer ANALYZER = new Analyzer(AnalysisSettings.standard(Scope.RED).withPseudonyms(
            new Pseudonyms("schema pseudonym secret (32 bytes)".getBytes(StandardCharsets.UTF_8), "bank-a.example"::equals)));

    // --- every report the project writes validates

    static Stream<Arguments> reports() throws Exception {
        Map<String, Report> reports = new LinkedHashMap<>();
        for (Corpus.Fixture fixture : Corpus.all()) {
            for (String lineEnds : List.of("crlf", "lf")) {
                byte[] bytes = lineEnds.equals("lf")
                        ? new String(fixture.submission(), StandardCharsets.ISO_8859_1).replace("\r\n", "\n")
                                .getBytes(StandardCharsets.ISO_8859_1)
                        : fixture.submission();
                List<Report> made = analyze(bytes, fixture.recipient());
                for (int i = 0; i < made.size(); i++) {
                    reports.put(fixture.name() + " " + lineEnds + " #" + (i + 1), made.get(i));
                }
            }
        }
        List<Report> archives = analyze(archiveSubmission(), "report+white@bank-a.example");
        assertThat(archives).hasSize(1);
        reports.put("archives and flags", archives.get(0));
        reports.put("sample green", SampleReports.green());
        reports.put("sample green, new id", SampleReports.greenWithNewId());
        reports.put("sample white indicators", SampleReports.whiteIndicators());
        reports.put("spam", SampleReports.green().with(new SpamAnalysis(SpamAnalysis.Status.SPAM, 12.4, 5.0,
                List.of("BAYES_99", "URIBL_BLACK"))));
        reports.put("ham, negative score", SampleReports.green().with(new SpamAnalysis(SpamAnalysis.Status.HAM, -1.9, 5.0, List.of())));
        reports.put("spam not checked", SampleReports.green().with(SpamAnalysis.notChecked()));

        List<Arguments> arguments = new ArrayList<>();
        reports.forEach((name, report) -> {
            arguments.add(Arguments.of(name, report));
            Report attributed = attributed(report);
            arguments.add(Arguments.of(name + ", attributed by the council", attributed));
            for (Scope clearance : Scope.values()) {
                arguments.add(Arguments.of(name + ", attributed, as " + clearance + " sees it", attributed.restrictTo(clearance)));
            }
        });
        return arguments.stream();
    }

    @Test
    void theFixturesReachEveryCornerOfTheSchema() throws Exception {
        List<Report> all = reports().map(arguments -> (Report) arguments.get()[1]).toList();
        assertThat(all).hasSizeGreaterThan(200);
        String written = String.join("\n", all.stream().map(ReportJson::write).toList());
        for (ArchiveFormat format : ArchiveFormat.values()) {
            assertThat(written).as("an archive of format " + format.key()).contains("\"format\" : \"" + format.key() + "\"");
        }
        assertThat(written).contains("\"windows_31j_guessed\"").contains("\"path_traversal\"").contains("\"encrypted_archive\"")
                .contains("\"executable\"").contains("\"pdf_javascript\"").contains("\"deceptive\" : true")
                .contains("\"refanged\" : true").contains("\"text\" : ").contains("\"sector\" : \"banking\"")
                .contains("\"status\" : \"spam\"").contains("\"ipv6\" : [ \"");
        assertThat(all.stream().map(ReportJson::write).filter(json -> json.contains("\"archive\" : {")
                && json.indexOf("\"archive\" : {") != json.lastIndexOf("\"archive\" : {"))).as("a nested archive").isNotEmpty();
    }

    @Test
    void everyNoteKindTheFixturesWriteIsDocumented() throws Exception {
        String guide = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "REPORT.md"));
        Set<String> kinds = new TreeSet<>();
        reports().forEach(arguments -> ((Report) arguments.get()[1]).notes().forEach(note -> kinds.add(note.kind())));
        assertThat(kinds).hasSizeGreaterThanOrEqualTo(5);
        assertThat(kinds).allSatisfy(kind -> assertThat(guide).as("docs/REPORT.md lists note kind " + kind).contains("`" + kind + "`"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reports")
    void validates(String name, Report report) throws Exception {
        assertValid(name, report);
        // read back as the council reads it, and written again as it writes notices (the archive
        // ratio is rounded when written, so the JSON, not the record, is what survives exactly)
        Report read = ReportJson.read(ReportJson.write(report));
        assertThat(ReportJson.write(read)).as("%s, read back and written again", name).isEqualTo(ReportJson.write(report));
        assertValid(name + ", read back", read);
    }

    /** Any report the project writes must pass here; other tests may use it for reports of their own. */
    static void assertValid(String name, Report report) {
        assertThat(ReportSchema.violations(report)).as("schema errors of %s", name).isEmpty();
    }

    // --- the schema has teeth

    @Test
    void aReportWithoutItsIdIsInvalid() {
        assertInvalid(json -> json.remove("report_id"), "report_id");
    }

    @Test
    void anUnknownScopeLabelIsInvalid() {
        assertInvalid(json -> ((ObjectNode) json.at("/scope/parts")).put("indicators", "TLP:CLEAR"), "indicators");
        assertInvalid(json -> ((ObjectNode) json.at("/scope")).put("requested", "green"), "requested");
    }

    @Test
    void aMissingPartScopeIsInvalid() {
        assertInvalid(json -> ((ObjectNode) json.at("/scope/parts")).remove("provider_name"), "provider_name");
    }

    @Test
    void anAttachmentWithoutItsSha256IsInvalid() {
        assertInvalid(json -> ((ObjectNode) json.at("/attachments/0")).remove("sha256"), "sha256");
        assertInvalid(json -> ((ObjectNode) json.at("/attachments/0")).put("sha256", "039058C6F2C0CB492C533B0A4D14EF77CC0F78ABCCCED5287D84A1A2011CFB81"),
                "sha256");
    }

    @Test
    void anUnexpectedPropertyIsInvalid() {
        assertInvalid(json -> json.put("comment", "hello"), "comment");
        assertInvalid(json -> ((ObjectNode) json.at("/attachments/0")).put("bytes", "UEsDBA=="), "bytes");
        assertInvalid(json -> ((ObjectNode) json.at("/message")).put("x_spam_flag", "YES"), "x_spam_flag");
    }

    @Test
    void theOtherContractKeysAreRequired() {
        assertInvalid(json -> ((ObjectNode) json.at("/message")).remove("subject"), "subject");
        assertInvalid(json -> ((ObjectNode) json.at("/message")).remove("from"), "from");
        assertInvalid(json -> ((ObjectNode) json.at("/urls/0")).remove("url"), "url");
        for (String key : List.of("filename", "size", "md5", "sha1")) {
            assertInvalid(json -> ((ObjectNode) json.at("/attachments/0")).remove(key), key);
        }
        assertInvalid(json -> json.remove("scope"), "scope");
    }

    @Test
    void closedVocabulariesAndTiedMembersAreEnforced() {
        assertInvalid(json -> ((ObjectNode) json.at("/spam")).put("status", "spam"), "score");
        assertInvalid(json -> ((ObjectNode) json.at("/spam")).put("score", 3.0), "spam");
        assertInvalid(json -> ((ObjectNode) json.at("/notes/0")).put("part", "victim"), "part");
        assertInvalid(json -> ((ObjectNode) json.at("/notes/0")).put("kind", "Unreadable Part"), "kind");
        assertInvalid(json -> ((ArrayNode) json.at("/attachments/0/flags")).add("looks_bad"), "flags");
        assertInvalid(json -> json.remove("indicators"), "indicators");
        assertInvalid(json -> json.put("created", "26 Nov 2026"), "created");
        assertInvalid(json -> json.put("version", "2.0"), "version");
        assertInvalid(json -> json.putObject("provider").put("organisation", "bank-a"), "name");
        assertInvalid(json -> json.putObject("provider").put("sector", "finance"), "sector");
    }

    @Test
    void anArchiveEntryCarriesAllOfItsFingerprintOrNone() throws Exception {
        Report archives = analyze(archiveSubmission(), "report+white@bank-a.example").get(0);
        ObjectNode json = (ObjectNode) JSON.readTree(ReportJson.write(archives));
        JsonNode entry = firstFingerprintedEntry(json);
        assertThat(entry).as("an archive entry with a fingerprint").isNotNull();
        ((ObjectNode) entry).remove("md5");
        assertThat(ReportSchema.violations(json)).isNotEmpty().anySatisfy(error -> assertThat(error).contains("md5"));
        ((ObjectNode) entry).put("format", "rar");
        assertThat(ReportSchema.violations(json)).anySatisfy(error -> assertThat(error).contains("format"));
    }

    // --- the schema agrees with the code's vocabularies and is itself well formed

    @Test
    void theSchemaIsAValidDraft202012Schema() {
        var metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(SchemaLocation.of(SchemaId.V202012));
        assertThat(metaSchema.validate(ReportSchema.tree())).isEmpty();
        assertThat(ReportSchema.tree().path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(ReportSchema.tree().path("$id").asText()).startsWith("https://");
        assertThat(Report.FORMAT_VERSION).matches(ReportSchema.tree().at("/properties/version/pattern").asText());
    }

    @Test
    void everyPropertyIsDescribed() {
        List<String> undescribed = new ArrayList<>();
        describedProperties(ReportSchema.tree(), "#", undescribed);
        assertThat(undescribed).isEmpty();
    }

    @Test
    void theEnumerationsAreTheCodesVocabularies() {
        JsonNode schema = ReportSchema.tree();
        assertThat(strings(schema.at("/$defs/scope/enum"))).containsExactly(Arrays.stream(Scope.values()).map(Scope::label).toArray(String[]::new));
        String[] parts = Arrays.stream(Part.values()).map(Part::key).toArray(String[]::new);
        assertThat(strings(schema.at("/$defs/part/enum"))).containsExactly(parts);
        assertThat(names(schema.at("/properties/scope/properties/parts/properties"))).containsExactly(parts);
        assertThat(strings(schema.at("/properties/scope/properties/parts/required"))).containsExactly(parts);
        assertThat(strings(schema.at("/properties/scope/properties/origin/enum")))
                .containsExactly(Arrays.stream(ScopeChoice.Origin.values()).map(ScopeChoice.Origin::key).toArray(String[]::new));
        assertThat(strings(schema.at("/properties/spam/properties/status/enum")))
                .containsExactly(Arrays.stream(SpamAnalysis.Status.values()).map(SpamAnalysis.Status::key).toArray(String[]::new));
        assertThat(strings(schema.at("/$defs/flags/items/enum"))).containsExactly(Arrays.stream(Flag.values()).map(Flag::key).toArray(String[]::new));
        assertThat(strings(schema.at("/$defs/archive/properties/format/enum")))
                .containsExactly(Arrays.stream(ArchiveFormat.values()).map(ArchiveFormat::key).toArray(String[]::new));
        assertThat(strings(schema.at("/$defs/archive_entry/properties/name_encoding/enum")))
                .containsExactly(Arrays.stream(NameEncoding.values()).map(NameEncoding::key).toArray(String[]::new));
        List<String> sectors = new ArrayList<>(Arrays.stream(Sector.values()).map(Sector::key).toList());
        sectors.add("unspecified");
        assertThat(strings(schema.at("/properties/provider/properties/sector/enum"))).containsExactlyElementsOf(sectors);
    }

    // --- helpers

    private static void assertInvalid(Consumer<ObjectNode> change, String mentioned) {
        ObjectNode json;
        try {
            json = (ObjectNode) JSON.readTree(ReportJson.write(SampleReports.green()));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(ReportSchema.violations(json)).as("the unchanged sample").isEmpty();
        change.accept(json);
        assertThat(ReportSchema.violations(json)).as("errors after the change about %s", mentioned).isNotEmpty()
                .anySatisfy(error -> assertThat(error).contains(mentioned));
    }

    private static List<Report> analyze(byte[] submission, String recipient) throws Exception {
        ScopeChoice choice = REPORT.requestedBy(recipient).orElse(new ScopeChoice(Scope.RED, ScopeChoice.Origin.CONFIGURED_DEFAULT));
        return ANALYZER.analyze(new Submission(MimeParts.parse(submission), "taro.yamada@bank-a.example", choice));
    }

    /** As the council's distributor attributes a report, from its registry. */
    private static Report attributed(Report report) {
        return report.with(new ProviderName("bank-a", "みらい銀行", "Mirai Bank")).with(new ProviderSector(Sector.BANKING.key()));
    }

    private static JsonNode firstFingerprintedEntry(JsonNode node) {
        if (node.has("path") && node.has("sha256")) {
            return node;
        }
        for (JsonNode child : node) {
            JsonNode found = firstFingerprintedEntry(child);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Walks the subschemas (not conditions such as {@code if}) and collects the properties without a description. */
    private static void describedProperties(JsonNode schema, String path, List<String> undescribed) {
        schema.path("properties").properties().forEach(property -> {
            JsonNode description = property.getValue().path("description");
            if (!description.isTextual() || description.asText().isBlank()) {
                undescribed.add(path + "/properties/" + property.getKey());
            }
            describedProperties(property.getValue(), path + "/properties/" + property.getKey(), undescribed);
        });
        schema.path("$defs").properties().forEach(definition ->
                describedProperties(definition.getValue(), path + "/$defs/" + definition.getKey(), undescribed));
        if (schema.has("items")) {
            describedProperties(schema.get("items"), path + "/items", undescribed);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    // --- a submission whose reported mail carries every kind of archive and some flagged files

    static byte[] archiveSubmission() throws IOException {
        byte[] program = PpapZip.windowsProgram();
        byte[] pdf = ("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /OpenAction 2 0 R >>\nendobj\n2 0 obj\n<< /S /JavaScript /JS (app.alert(1)) >>\n"
                + "endobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
        byte[] text = Corpus.attachment(600, 21);
        byte[] inner = zip(StandardCharsets.UTF_8, Map.of("請求書.pdf.exe", program));
        Map<String, byte[]> outerEntries = new LinkedHashMap<>();
        outerEntries.put("inner.zip", inner);
        outerEntries.put("見積書.txt", text);
        outerEntries.put("../../startup/run.txt", text);
        byte[] outer = zip(Charset.forName("windows-31j"), outerEntries);
        byte[] ppap = PpapZip.of(Map.of("契約書.docx", Corpus.attachment(900, 22)), "secret", 7);

        Map<String, byte[]> attachments = new LinkedHashMap<>();
        attachments.put("書類一式.zip", outer);
        attachments.put("契約書.zip", ppap);
        attachments.put("logs.tar", tar(Map.of("log/a.txt", text, "log/b.pdf", pdf)));
        attachments.put("report.txt.gz", gzip(text));
        attachments.put("archive.7z", sevenZ(Map.of("note.txt", text)));
        attachments.put("invoice.pdf", pdf);

        StringBuilder original = new StringBuilder("From: billing@evil.example\r\nTo: taro.yamada@bank-a.example\r\nSubject: archives\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"inner\"\r\n\r\n"
                + "--inner\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n"
                + "<p>See <a href=\"https://files.evil.example/get\">https://www.bank-a.example/docs</a> or hxxps://evil[.]example/x</p>\r\n");
        attachments.forEach((name, bytes) -> original.append("--inner\r\nContent-Type: application/octet-stream\r\n")
                .append("Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename*=UTF-8''")
                .append(percent(name)).append("\r\n\r\n").append(Base64.getMimeEncoder().encodeToString(bytes)).append("\r\n"));
        original.append("--inner--\r\n");
        String carrier = "From: taro.yamada@bank-a.example\r\nTo: report+white@bank-a.example\r\nSubject: FW: archives\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"c\"\r\n\r\n--c\r\nContent-Type: text/plain\r\n\r\nsee\r\n"
                + "--c\r\nContent-Type: message/rfc822\r\n\r\n" + original + "\r\n--c--\r\n";
        return carrier.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] zip(Charset names, Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, names)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] tar(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (String name : new TreeSet<>(entries.keySet())) {
                TarArchiveEntry entry = new TarArchiveEntry(name);
                entry.setSize(entries.get(name).length);
                tar.putArchiveEntry(entry);
                tar.write(entries.get(name));
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(content);
        }
        return bytes.toByteArray();
    }

    private static byte[] sevenZ(Map<String, byte[]> entries) throws IOException {
        SeekableInMemoryByteChannel channel = new SeekableInMemoryByteChannel();
        try (SevenZOutputFile sevenZ = new SevenZOutputFile(channel)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                SevenZArchiveEntry archiveEntry = new SevenZArchiveEntry();
                archiveEntry.setName(entry.getKey());
                archiveEntry.setSize(entry.getValue().length);
                sevenZ.putArchiveEntry(archiveEntry);
                sevenZ.write(entry.getValue());
                sevenZ.closeArchiveEntry();
            }
            sevenZ.finish();
            return Arrays.copyOf(channel.array(), (int) channel.size());
        }
    }

    private static String percent(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            out.append(Character.isLetterOrDigit(c) && c < 128 || c == '.' || c == '_' || c == '-' ? String.valueOf((char) c)
                    : String.format("%%%02X", c));
        }
        return out.toString();
    }
}
