package org.c4tap.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.c4tap.core.indicator.UrlIndicator;
import org.c4tap.core.scope.Part;
import org.c4tap.core.scope.PartScopes;
import org.c4tap.core.scope.Scope;
import org.c4tap.core.scope.ScopeChoice;

/**
 * The report's JSON form (version {@value Report#FORMAT_VERSION}), documented by
 * {@code config/c4tap-report.schema.json}. The keys {@code report_id}, {@code scope},
 * {@code message.subject}, {@code message.from}, {@code attachments[]} and {@code urls[].url} are
 * a contract: never rename them without a version bump.
 *
 * <p>Only the parts present in the report are written; the scope labels of every kind of part
 * are always written, so a reader knows what was withheld and at which scope.
 * Reading is strict about identity (the report id must be well formed) and narrow about scopes
 * (an unknown label reads as RED).
 */
public final class ReportJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxStringLength(8 * 1024 * 1024).build());
    }

    private ReportJson() {
    }

    public static String write(Report report) {
        try {
            return MAPPER.writeValueAsString(toTree(report));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report tree always serialises", e);
        }
    }

    public static ObjectNode toTree(Report report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", Report.FORMAT_VERSION);
        root.put("report_id", report.id().value());
        root.put("created", report.created().toString());
        ObjectNode scope = root.putObject("scope");
        scope.put("requested", report.choice().scope().label());
        scope.put("origin", report.choice().origin().key());
        ObjectNode partScopes = scope.putObject("parts");
        for (Part part : Part.values()) {
            partScopes.put(part.key(), report.scopes().of(part).label());
        }
        report.part(ProviderName.class).ifPresent(name -> {
            ObjectNode provider = root.withObject("/provider");
            provider.put("organisation", name.organisationId());
            provider.putObject("name").put("ja", name.nameJa()).put("en", name.nameEn());
        });
        report.part(ProviderSector.class).ifPresent(sector -> root.withObject("/provider").put("sector", sector.sector()));
        report.part(OriginalHeaders.class).ifPresent(headers -> {
            ObjectNode message = root.putObject("message");
            message.put("subject", headers.subject());
            message.put("from", headers.from());
            message.put("sender", headers.sender());
            strings(message.putArray("to"), headers.to());
            strings(message.putArray("cc"), headers.cc());
            message.put("reply_to", headers.replyTo());
            message.put("return_path", headers.returnPath());
            message.put("date", headers.date());
            message.put("message_id", headers.messageId());
            message.put("mailer", headers.mailer());
            message.put("originating_ip", headers.originatingIp());
            ArrayNode received = message.putArray("received");
            for (ReceivedHop hop : headers.received()) {
                received.addObject().put("from", hop.from()).put("by", hop.by()).put("ip", hop.ip())
                        .put("with", hop.with()).put("time", hop.time());
            }
            ArrayNode authentication = message.putArray("authentication");
            for (AuthenticationVerdict verdict : headers.authentication()) {
                authentication.addObject().put("server", verdict.server()).put("method", verdict.method())
                        .put("result", verdict.result()).put("properties", verdict.properties());
            }
            ArrayNode fields = message.putArray("headers");
            for (HeaderField field : headers.fields()) {
                fields.addObject().put("name", field.name()).put("value", field.value());
            }
        });
        report.part(AttachmentList.class).ifPresent(list -> {
            ArrayNode attachments = root.putArray("attachments");
            for (Attachment attachment : list.attachments()) {
                ObjectNode node = attachments.addObject();
                node.put("filename", attachment.filename());
                node.put("content_type", attachment.contentType());
                node.put("part", attachment.partPath());
                node.put("size", attachment.fingerprint().size());
                ArchiveJson.fingerprint(node, attachment.fingerprint());
                node.put("detected_type", attachment.detectedType());
                ArchiveJson.flags(node.putArray("flags"), attachment.flags());
                attachment.archive().ifPresent(listing -> node.set("archive", ArchiveJson.write(listing)));
            }
        });
        report.part(Indicators.class).ifPresent(indicators -> {
            ArrayNode urls = root.putArray("urls");
            for (UrlIndicator url : indicators.urls()) {
                ObjectNode node = urls.addObject().put("url", url.url()).put("host", url.host());
                if (!url.text().isEmpty()) {
                    node.put("text", url.text());
                }
                node.put("deceptive", url.deceptive());
                node.put("refanged", url.refanged());
            }
            ObjectNode node = root.putObject("indicators");
            strings(node.putArray("domains"), indicators.domains());
            strings(node.putArray("ipv4"), indicators.ipv4());
            strings(node.putArray("ipv6"), indicators.ipv6());
            strings(node.putArray("emails"), indicators.emails());
        });
        report.part(BodyExcerpt.class).ifPresent(body ->
                root.putObject("body").put("excerpt", body.text()).put("truncated", body.truncated()));
        report.part(SpamAnalysis.class).ifPresent(spam -> {
            ObjectNode node = root.putObject("spam");
            node.put("status", spam.status().key());
            if (spam.status() == SpamAnalysis.Status.SPAM || spam.status() == SpamAnalysis.Status.HAM) {
                node.put("score", spam.score());
                node.put("threshold", spam.threshold());
                strings(node.putArray("rules"), spam.rules());
            }
        });
        report.part(ReporterIdentity.class).ifPresent(reporter -> root.putObject("reporter").put("address", reporter.address()));
        ArrayNode notes = root.putArray("notes");
        for (Note note : report.notes()) {
            notes.addObject().put("part", note.part().key()).put("kind", note.kind()).put("detail", note.detail());
        }
        return root;
    }

    public static Report read(String json) throws ReportFormatException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ReportFormatException("the report is not well-formed JSON (line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
        }
        if (root == null || !root.isObject()) {
            throw new ReportFormatException("the report is not a JSON object");
        }
        String version = root.path("version").asText("");
        if (!version.startsWith("1.")) {
            throw new ReportFormatException("unsupported report version '" + printable(version) + "'");
        }
        String id = root.path("report_id").asText("");
        if (!ReportId.isValid(id)) {
            throw new ReportFormatException("missing or malformed report_id");
        }
        Instant created;
        try {
            created = Instant.parse(root.path("created").asText(""));
        } catch (DateTimeParseException e) {
            throw new ReportFormatException("missing or malformed created time");
        }
        JsonNode scope = root.path("scope");
        ScopeChoice choice = new ScopeChoice(Scope.parseOrRed(scope.path("requested").asText("")),
                ScopeChoice.Origin.fromKey(scope.path("origin").asText("")));
        Map<Part, Scope> scopes = new EnumMap<>(Part.class);
        scope.path("parts").properties().forEach(entry ->
                Part.fromKey(entry.getKey()).ifPresent(part -> scopes.put(part, Scope.parseOrRed(entry.getValue().asText()))));

        Map<Part, PartContent> parts = new EnumMap<>(Part.class);
        JsonNode provider = root.path("provider");
        if (provider.has("organisation") && scopes.containsKey(Part.PROVIDER_NAME)) {
            parts.put(Part.PROVIDER_NAME, new ProviderName(provider.path("organisation").asText(),
                    provider.path("name").path("ja").asText(""), provider.path("name").path("en").asText("")));
        }
        if (provider.has("sector") && scopes.containsKey(Part.PROVIDER_SECTOR)) {
            parts.put(Part.PROVIDER_SECTOR, new ProviderSector(provider.path("sector").asText()));
        }
        JsonNode message = root.path("message");
        if (message.isObject() && scopes.containsKey(Part.HEADERS)) {
            List<ReceivedHop> received = new ArrayList<>();
            for (JsonNode hop : message.path("received")) {
                received.add(new ReceivedHop(hop.path("from").asText(""), hop.path("by").asText(""), hop.path("ip").asText(""),
                        hop.path("with").asText(""), hop.path("time").asText("")));
            }
            List<AuthenticationVerdict> authentication = new ArrayList<>();
            for (JsonNode verdict : message.path("authentication")) {
                authentication.add(new AuthenticationVerdict(verdict.path("server").asText(""), verdict.path("method").asText(""),
                        verdict.path("result").asText(""), verdict.path("properties").asText("")));
            }
            List<HeaderField> fields = new ArrayList<>();
            for (JsonNode field : message.path("headers")) {
                fields.add(new HeaderField(field.path("name").asText(""), field.path("value").asText("")));
            }
            parts.put(Part.HEADERS, new OriginalHeaders(message.path("subject").asText(""), message.path("from").asText(""),
                    message.path("sender").asText(""), strings(message.path("to")), strings(message.path("cc")),
                    message.path("reply_to").asText(""), message.path("return_path").asText(""), message.path("date").asText(""),
                    message.path("message_id").asText(""), message.path("mailer").asText(""),
                    message.path("originating_ip").asText(""), received, authentication, fields));
        }
        if (root.path("attachments").isArray() && scopes.containsKey(Part.ATTACHMENTS)) {
            List<Attachment> attachments = new ArrayList<>();
            for (JsonNode node : root.path("attachments")) {
                try {
                    attachments.add(new Attachment(node.path("filename").asText(""), node.path("content_type").asText(null),
                            node.path("part").asText("?"), ArchiveJson.fingerprint(node, node.path("size").asLong(-1)),
                            node.path("detected_type").asText(""), ArchiveJson.flags(node.path("flags")),
                            ArchiveJson.read(node.get("archive"))));
                } catch (IllegalArgumentException | NullPointerException e) {
                    throw new ReportFormatException("an attachment's fingerprint is malformed: " + e.getMessage());
                }
            }
            parts.put(Part.ATTACHMENTS, new AttachmentList(attachments));
        }
        if (root.path("urls").isArray() && scopes.containsKey(Part.INDICATORS)) {
            List<UrlIndicator> urls = new ArrayList<>();
            for (JsonNode node : root.path("urls")) {
                urls.add(new UrlIndicator(node.path("url").asText(""), node.path("host").asText(""), node.path("text").asText(""),
                        node.path("deceptive").asBoolean(false), node.path("refanged").asBoolean(false)));
            }
            JsonNode indicators = root.path("indicators");
            parts.put(Part.INDICATORS, new Indicators(urls, strings(indicators.path("domains")), strings(indicators.path("ipv4")),
                    strings(indicators.path("ipv6")), strings(indicators.path("emails"))));
        }
        JsonNode body = root.path("body");
        if (body.isObject() && scopes.containsKey(Part.BODY)) {
            parts.put(Part.BODY, new BodyExcerpt(body.path("excerpt").asText(""), body.path("truncated").asBoolean(false)));
        }
        JsonNode spam = root.path("spam");
        if (spam.isObject() && scopes.containsKey(Part.SPAM)) {
            parts.put(Part.SPAM, new SpamAnalysis(SpamAnalysis.Status.fromKey(spam.path("status").asText("")),
                    spam.path("score").asDouble(0), spam.path("threshold").asDouble(0), strings(spam.path("rules"))));
        }
        JsonNode reporter = root.path("reporter");
        if (reporter.isObject() && scopes.containsKey(Part.REPORTER)) {
            parts.put(Part.REPORTER, new ReporterIdentity(reporter.path("address").asText("")));
        }
        List<Note> notes = new ArrayList<>();
        for (JsonNode node : root.path("notes")) {
            Part.fromKey(node.path("part").asText("")).filter(parts::containsKey).ifPresent(part ->
                    notes.add(new Note(part, node.path("kind").asText("note"), node.path("detail").asText(""))));
        }
        return new Report(new ReportId(id), created, choice, PartScopes.of(scopes), parts, notes);
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(node -> values.add(node.asText("")));
        }
        return values;
    }

    private static String printable(String value) {
        return value.length() > 20 ? value.substring(0, 20) + "…" : value;
    }
}
