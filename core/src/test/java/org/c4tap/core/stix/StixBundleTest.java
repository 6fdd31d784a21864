package org.c4tap.core.stix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.c4tap.core.fingerprint.Fingerprinter;
import org.c4tap.core.indicator.UrlIndicator;
import org.c4tap.core.report.Attachment;
import org.c4tap.core.report.AttachmentList;
import org.c4tap.core.report.AuthenticationVerdict;
import org.c4tap.core.report.BodyExcerpt;
import org.c4tap.core.report.HeaderField;
import org.c4tap.core.report.Indicators;
import org.c4tap.core.report.OriginalHeaders;
import org.c4tap.core.report.PartContent;
import org.c4tap.core.report.ProviderName;
import org.c4tap.core.report.ProviderSector;
import org.c4tap.core.report.ReceivedHop;
import org.c4tap.core.report.Report;
import org.c4tap.core.report.ReportId;
import org.c4tap.core.report.ReportJson;
import org.c4tap.core.report.ReporterIdentity;
import org.c4tap.core.report.SpamAnalysis;
import org.c4tap.core.scope.Part;
import org.c4tap.core.scope.PartScopes;
import org.c4tap.core.scope.Scope;
import org.c4tap.core.scope.ScopeChoice;
import org.c4tap.core.testing.SampleReports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StixBundleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String C4TAP_RED = "marking-definition--4f6193a9-ed7c-4623-ac46-ba18d6833bc7";
    private static final String C4TAP_AMBER = "marking-definition--fa642e86-1ee8-47f9-a56c-07afce2e795b";
    private static final String C4TAP_YELLOW = "marking-definition--cf81997d-c4c4-4405-ab32-68d1c7a8dff3";
    private static final String C4TAP_GREEN = "marking-definition--b612352a-ddd7-4739-95f6-d4a269817339";
    private static final String C4TAP_WHITE = "marking-definition--6df8d756-1c7f-4812-9bdf-7f3877f1dd51";
    private static final String TLP_RED = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";
    private static final String TLP_AMBER = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";
    private static final String TLP_GREEN = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
    private static final String TLP_CLEAR = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487";
    private static final String EXTENSION = "extension-definition--8bd819c3-5c58-43ea-bbaf-52aebf906904";
    private static final String COUNCIL = "identity--3975e5f9-2d6a-4e10-887b-bb7a53749503";
    private static final String TLP_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

    private static final Set<String> OBSERVABLE_TYPES = Set.of("url", "domain-name", "ipv4-addr", "ipv6-addr", "email-addr",
            "email-message", "file");
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
    private static final String MILLISECONDS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @Test
    void theFiveScopeMarkingsHaveFixedUniqueIdentifiers() {
        JsonNode bundle = tree(SampleReports.green());
        Map<Scope, String> expected = Map.of(Scope.RED, C4TAP_RED, Scope.AMBER, C4TAP_AMBER, Scope.YELLOW, C4TAP_YELLOW,
                Scope.GREEN, C4TAP_GREEN, Scope.WHITE, C4TAP_WHITE);

        for (Scope scope : Scope.values()) {
            JsonNode marking = object(bundle, expected.get(scope));
            assertThat(marking.path("type").asText()).isEqualTo("marking-definition");
            assertThat(marking.path("name").asText()).isEqualTo("C4TAP:" + scope.label());
            assertThat(marking.path("created_by_ref").asText()).isEqualTo(COUNCIL);
            assertThat(marking.path("created").asText()).isEqualTo("2026-11-26T00:00:00.000Z");
            assertThat(marking.path("extensions").size()).isEqualTo(1);
            JsonNode extension = marking.path("extensions").path(EXTENSION);
            assertThat(extension.path("extension_type").asText()).isEqualTo("property-extension");
            assertThat(extension.path("c4tap_scope").asText()).isEqualTo(scope.label());
        }
        assertThat(Set.copyOf(expected.values())).hasSize(5).doesNotContain(TLP_RED, TLP_AMBER, TLP_GREEN, TLP_CLEAR);
        assertThat(ofType(bundle, "marking-definition").filter(marking -> marking.path("extensions").has(EXTENSION)))
                .hasSize(5);
    }

    @Test
    void theScopeExtensionIsDefinedByTheCouncil() {
        JsonNode bundle = tree(SampleReports.green());

        JsonNode extension = object(bundle, EXTENSION);
        assertThat(extension.path("type").asText()).isEqualTo("extension-definition");
        assertThat(extension.path("name").asText()).isEqualTo("C4TAP sharing scope");
        assertThat(extension.path("schema").asText()).isEqualTo("https://c4tap.example/stix/c4tap-scope-1.json");
        assertThat(extension.path("version").asText()).isEqualTo("1.0");
        assertThat(strings(extension.path("extension_types"))).containsExactly("property-extension");
        assertThat(extension.path("created_by_ref").asText()).isEqualTo(COUNCIL);
        assertThat(strings(extension.path("object_marking_refs"))).containsExactly(C4TAP_WHITE, TLP_CLEAR);
        JsonNode council = object(bundle, COUNCIL);
        assertThat(council.path("name").asText()).isEqualTo("CEPTOAR Council");
        assertThat(council.path("identity_class").asText()).isEqualTo("organization");
        assertThat(strings(council.path("object_marking_refs"))).containsExactly(C4TAP_WHITE, TLP_CLEAR);
    }

    @Test
    void theTlpDefinitionsAreTheOfficialTlp2Ones() {
        String rendered = StixBundle.render(SampleReports.green());
        JsonNode bundle = tree(rendered);

        Map<String, String> expected = Map.of(TLP_RED, "red", TLP_AMBER, "amber", TLP_GREEN, "green", TLP_CLEAR, "clear");
        expected.forEach((id, level) -> {
            JsonNode marking = object(bundle, id);
            assertThat(marking.path("name").asText()).isEqualTo("TLP:" + level.toUpperCase(Locale.ROOT));
            assertThat(marking.path("created").asText()).isEqualTo("2022-10-01T00:00:00.000Z");
            assertThat(marking.path("extensions").path(TLP_EXTENSION).path("tlp_2_0").asText()).isEqualTo(level);
            assertThat(marking.has("created_by_ref")).isFalse();
        });
        assertThat(ofType(bundle, "marking-definition")).hasSize(9);
        assertThat(rendered).doesNotContain("TLP:YELLOW").doesNotContain("TLP:WHITE").doesNotContain("AMBER+STRICT")
                .doesNotContain("marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9")
                .doesNotContain("marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da")
                .doesNotContain("marking-definition--f88d31f6-486f-44da-b317-01333bde0b82")
                .doesNotContain("marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed");
    }

    @ParameterizedTest
    @EnumSource(Scope.class)
    void everyObjectCarriesItsScopeAndTheTlpEquivalentWhereThereIsOne(Scope scope) {
        JsonNode bundle = tree(everyPart(PartScopes.all(scope)));
        List<String> expected = switch (scope) {
            case RED -> List.of(C4TAP_RED, TLP_RED);
            case AMBER -> List.of(C4TAP_AMBER, TLP_AMBER);
            case YELLOW -> List.of(C4TAP_YELLOW);
            case GREEN -> List.of(C4TAP_GREEN, TLP_GREEN);
            case WHITE -> List.of(C4TAP_WHITE, TLP_CLEAR);
        };

        List<JsonNode> marked = reportAndObservables(bundle).toList();
        assertThat(marked).hasSize(16);
        for (JsonNode object : marked) {
            assertThat(strings(object.path("object_marking_refs"))).as(object.path("id").asText()).isEqualTo(expected);
        }
    }

    @Test
    void eachObjectIsMarkedWithTheScopeOfItsPart() {
        JsonNode bundle = tree(SampleReports.green());

        assertThat(markingsByType(bundle)).containsExactly(
                Map.entry("report", List.of(C4TAP_AMBER, TLP_AMBER)),
                Map.entry("url", List.of(C4TAP_GREEN, TLP_GREEN)),
                Map.entry("domain-name", List.of(C4TAP_GREEN, TLP_GREEN)),
                Map.entry("file", List.of(C4TAP_GREEN, TLP_GREEN)),
                Map.entry("email-message", List.of(C4TAP_AMBER, TLP_AMBER)),
                Map.entry("email-addr", List.of(C4TAP_AMBER, TLP_AMBER)),
                Map.entry("email-addr", List.of(C4TAP_AMBER, TLP_AMBER)));
    }

    @Test
    void aRestrictedReportRendersNothingOfTheWithheldParts() {
        Report full = SampleReports.green();
        Report restricted = full.restrictTo(Scope.GREEN);

        String rendered = StixBundle.render(restricted);
        JsonNode bundle = tree(rendered);

        assertThat(ofType(bundle, "email-message")).isEmpty();
        assertThat(ofType(bundle, "email-addr")).isEmpty();
        assertThat(rendered).doesNotContain("taro@bank.example").doesNotContain("victim@bank.example")
                .doesNotContain("attacker@evil.example").doesNotContain("件名").doesNotContain("本文");
        assertThat(reportAndObservables(bundle).map(object -> object.path("id").asText())).containsExactly(
                "report--351696f8-a58c-5206-b344-ccefdb1f4d6c",
                "url--ed0e5172-090c-522b-81f3-305844d81e08",
                "domain-name--69228563-c8d2-54ae-aeca-5f4134cb59aa",
                "file--27e172ee-493b-502a-9d51-4ce128f52cb0");
        assertThat(strings(ofType(bundle, "report").findFirst().orElseThrow().path("object_marking_refs")))
                .containsExactly(C4TAP_GREEN, TLP_GREEN);
        assertThat(bundle.path("id").asText()).isEqualTo("bundle--12e594a5-f1b4-578f-bcbc-965a4159d459");
    }

    @Test
    void theReporterTheProviderTheBodyAndTheSpamVerdictNeverBecomeStix() {
        String rendered = StixBundle.render(everyPart(PartScopes.all(Scope.RED)));

        assertThat(rendered).doesNotContain("reporter@bank-a.example").doesNotContain("Bank A").doesNotContain("銀行A")
                .doesNotContain("banking").doesNotContain("至急お支払いください").doesNotContain("URI_PHISH");
    }

    @Test
    void renderingIsRepeatable() throws Exception {
        Report report = SampleReports.green();

        String first = StixBundle.render(report);

        assertThat(StixBundle.render(report)).isEqualTo(first);
        assertThat(StixBundle.render(ReportJson.read(ReportJson.write(report)))).isEqualTo(first);
    }

    @Test
    void identifiersAreThoseComputedByHand() {
        JsonNode bundle = tree(SampleReports.green());

        // UUIDv5 in the STIX namespace over the RFC 8785 form of the ID contributing properties:
        // {"value":"http://evil.example/x"}, {"hashes":{"MD5":"5289df737df57326fcdd22597afb1fac"},"name":"a.zip"},
        // {"value":"attacker@evil.example"}, {"from_ref":"email-addr--ddafe02d-…","subject":"件名"}.
        assertThat(bundle.path("id").asText()).isEqualTo("bundle--7333b088-e760-5b03-8ecd-6b7baa2bcda5");
        assertThat(reportAndObservables(bundle).map(object -> object.path("id").asText())).containsExactly(
                "report--13207127-569e-51ce-a28d-944d18efbc74",
                "url--ed0e5172-090c-522b-81f3-305844d81e08",
                "domain-name--69228563-c8d2-54ae-aeca-5f4134cb59aa",
                "file--27e172ee-493b-502a-9d51-4ce128f52cb0",
                "email-message--5691f485-f024-5d62-b71f-ea20d9ec87db",
                "email-addr--ddafe02d-1bd7-59db-b0dd-ce47f7f0a2d8",
                "email-addr--e25a6bf2-ca4f-549b-989e-d3f50c79cc3c");
        JsonNode report = ofType(bundle, "report").findFirst().orElseThrow();
        assertThat(strings(report.path("object_refs"))).containsExactly(
                "url--ed0e5172-090c-522b-81f3-305844d81e08",
                "domain-name--69228563-c8d2-54ae-aeca-5f4134cb59aa",
                "file--27e172ee-493b-502a-9d51-4ce128f52cb0",
                "email-message--5691f485-f024-5d62-b71f-ea20d9ec87db",
                "email-addr--ddafe02d-1bd7-59db-b0dd-ce47f7f0a2d8",
                "email-addr--e25a6bf2-ca4f-549b-989e-d3f50c79cc3c");
    }

    @Test
    void theReportObjectDescribesTheCouncilsReport() {
        JsonNode report = ofType(tree(SampleReports.green()), "report").findFirst().orElseThrow();

        assertThat(report.path("name").asText()).isEqualTo("C4TAP report C4TAP-20261126-ABCDEFGHJK");
        assertThat(report.path("created").asText()).isEqualTo("2026-11-26T01:02:03.000Z");
        assertThat(report.path("modified").asText()).isEqualTo("2026-11-26T01:02:03.000Z");
        assertThat(report.path("published").asText()).isEqualTo("2026-11-26T01:02:03.000Z");
        assertThat(report.path("created_by_ref").asText()).isEqualTo(COUNCIL);
        assertThat(strings(report.path("report_types"))).containsExactly("observed-data");
        assertThat(report.path("external_references").get(0).path("source_name").asText()).isEqualTo("c4tap");
        assertThat(report.path("external_references").get(0).path("external_id").asText()).isEqualTo("C4TAP-20261126-ABCDEFGHJK");
    }

    @Test
    void theEmailMessageCarriesTheHeadersWhereStixHasPlacesForThem() {
        JsonNode bundle = tree(everyPart(PartScopes.all(Scope.AMBER)));
        JsonNode message = ofType(bundle, "email-message").findFirst().orElseThrow();

        assertThat(message.path("is_multipart").asBoolean()).isTrue();
        assertThat(message.path("content_type").asText()).isEqualTo("multipart/mixed; boundary=\"b1\"");
        assertThat(message.path("date").asText()).isEqualTo("2026-11-26T01:15:00.000Z");
        assertThat(message.path("subject").asText()).isEqualTo("【至急】請求書");
        assertThat(message.path("message_id").asText()).isEqualTo("<20261126101500.1@invoice-check.example.net>");
        assertThat(object(bundle, message.path("from_ref").asText()).path("value").asText())
                .isEqualTo("keiri@invoice-check.example.net");
        assertThat(object(bundle, message.path("from_ref").asText()).path("display_name").asText()).isEqualTo("経理部 佐藤");
        assertThat(object(bundle, message.path("sender_ref").asText()).path("value").asText()).isEqualTo("bulk@mailer.example.net");
        assertThat(strings(message.path("to_refs")).stream().map(id -> object(bundle, id).path("value").asText()))
                .containsExactly("taro.yamada@bank-a.example", "hanako@bank-a.example");
        assertThat(strings(message.path("cc_refs")).stream().map(id -> object(bundle, id).path("value").asText()))
                .containsExactly("it@bank-a.example");
        assertThat(strings(message.path("received_lines"))).containsExactly(
                "from mx.bank-a.example by mbox.bank-a.example; Thu, 26 Nov 2026 10:15:03 +0900",
                "from mail.invoice-check.example.net ([203.0.113.7]) by mx.bank-a.example; Thu, 26 Nov 2026 10:15:01 +0900");
        assertThat(message.path("additional_header_fields")).isEqualTo(JSON.createObjectNode()
                .<ObjectNode>set("Authentication-Results", JSON.createArrayNode()
                        .add("mx.bank-a.example; spf=fail smtp.mailfrom=invoice-check.example.net")
                        .add("mx.bank-a.example; dmarc=fail header.from=invoice-check.example.net"))
                .put("Reply-To", "drop@evil.example")
                .put("MIME-Version", "1.0")
                .put("X-Mailer", "Microsoft Outlook 16.0"));
        assertThat(message.has("body")).isFalse();
        assertThat(message.has("body_multipart")).isFalse();
    }

    @Test
    void anInlineForwardsHeaderBlockGivesWhatItHas() {
        OriginalHeaders block = OriginalHeaders.basic("Re: invoice", "attacker@evil.example", List.of("victim@bank.example"),
                List.of(), "drop@evil.example", "sometime last week", "");

        JsonNode bundle = tree(report(Map.of(Part.HEADERS, block), PartScopes.all(Scope.AMBER)));
        JsonNode message = ofType(bundle, "email-message").findFirst().orElseThrow();

        assertThat(message.path("is_multipart").asBoolean()).isFalse();
        assertThat(message.has("date")).isFalse();
        assertThat(message.has("content_type")).isFalse();
        assertThat(message.has("message_id")).isFalse();
        assertThat(message.has("received_lines")).isFalse();
        assertThat(message.path("additional_header_fields").toString()).isEqualTo("{\"Reply-To\":\"drop@evil.example\"}");
    }

    @Test
    void aMessageWithNeitherSenderNorSubjectStillGetsARepeatableIdentifier() {
        OriginalHeaders anonymous = OriginalHeaders.basic("", "", List.of("victim@bank.example"), List.of(), "", "",
                "<1@evil.example>");
        Report report = report(Map.of(Part.HEADERS, anonymous), PartScopes.all(Scope.AMBER));

        String id = ofType(tree(report), "email-message").findFirst().orElseThrow().path("id").asText();

        assertThat(id).matches("email-message--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(ofType(tree(report), "email-message").findFirst().orElseThrow().path("id").asText()).isEqualTo(id);
    }

    @Test
    void anAddressShownByTwoPartsTravelsAsFarAsItsWholeContentMay() {
        Indicators indicators = new Indicators(List.of(), List.of(), List.of(), List.of(), List.of("attacker@evil.example"));
        Map<Part, Scope> scopes = new EnumMap<>(Part.class);
        scopes.put(Part.INDICATORS, Scope.GREEN);
        scopes.put(Part.HEADERS, Scope.AMBER);
        OriginalHeaders named = OriginalHeaders.basic("s", "Attacker <attacker@evil.example>", List.of(), List.of(), "", "", "");
        OriginalHeaders bare = OriginalHeaders.basic("s", "attacker@evil.example", List.of(), List.of(), "", "", "");

        JsonNode withName = onlyAddress(tree(report(Map.of(Part.INDICATORS, indicators, Part.HEADERS, named), PartScopes.of(scopes))));
        JsonNode withoutName = onlyAddress(tree(report(Map.of(Part.INDICATORS, indicators, Part.HEADERS, bare), PartScopes.of(scopes))));

        // The display name comes from the headers alone, so the object may go no wider than they.
        assertThat(withName.path("display_name").asText()).isEqualTo("Attacker");
        assertThat(strings(withName.path("object_marking_refs"))).containsExactly(C4TAP_AMBER, TLP_AMBER);
        // Everything it says, the GREEN indicators say too.
        assertThat(withoutName.has("display_name")).isFalse();
        assertThat(strings(withoutName.path("object_marking_refs"))).containsExactly(C4TAP_GREEN, TLP_GREEN);
        assertThat(withName.path("id").asText()).isEqualTo(withoutName.path("id").asText())
                .isEqualTo("email-addr--ddafe02d-1bd7-59db-b0dd-ce47f7f0a2d8");
    }

    @Test
    void theReportIsMarkedWithTheNarrowestScopeOfWhatItRefersTo() {
        Map<Part, Scope> scopes = new EnumMap<>(Part.class);
        scopes.put(Part.INDICATORS, Scope.WHITE);
        scopes.put(Part.ATTACHMENTS, Scope.YELLOW);
        scopes.put(Part.HEADERS, Scope.GREEN);
        JsonNode bundle = tree(everyPart(PartScopes.of(scopes)));

        assertThat(strings(ofType(bundle, "report").findFirst().orElseThrow().path("object_marking_refs")))
                .containsExactly(C4TAP_YELLOW);
        assertThat(strings(ofType(bundle, "url").findFirst().orElseThrow().path("object_marking_refs")))
                .containsExactly(C4TAP_WHITE, TLP_CLEAR);
    }

    @Test
    void withNothingToShowThereIsNoReportObject() {
        Report report = report(Map.of(Part.BODY, new BodyExcerpt("本文", false), Part.SPAM, SpamAnalysis.unavailable(),
                Part.REPORTER, new ReporterIdentity("taro@bank.example")), PartScopes.all(Scope.RED));

        JsonNode bundle = tree(report);

        assertThat(reportAndObservables(bundle)).isEmpty();
        assertThat(bundle.path("objects")).hasSize(2 + 5 + 4);
    }

    @Test
    void everyBundleKeepsTheStructuralRules() {
        List<Report> reports = new ArrayList<>();
        reports.add(SampleReports.green());
        for (Scope scope : Scope.values()) {
            reports.add(SampleReports.green().restrictTo(scope));
            reports.add(everyPart(PartScopes.all(scope)));
        }
        for (Report report : reports) {
            assertStructure(tree(report));
        }
    }

    private static void assertStructure(JsonNode bundle) {
        assertThat(bundle.path("type").asText()).isEqualTo("bundle");
        assertThat(bundle.path("id").asText()).matches("bundle--" + UUID);
        assertThat(bundle.has("spec_version")).isFalse();
        Set<String> ids = new HashSet<>();
        Set<String> markings = new HashSet<>();
        for (JsonNode object : bundle.path("objects")) {
            String type = object.path("type").asText();
            assertThat(object.path("spec_version").asText()).isEqualTo("2.1");
            assertThat(object.path("id").asText()).matches(Pattern.quote(type) + "--" + UUID);
            assertThat(ids.add(object.path("id").asText())).as("unique " + object.path("id")).isTrue();
            switch (type) {
                case "marking-definition" -> {
                    assertThat(object.path("created").asText()).matches(MILLISECONDS);
                    assertThat(object.has("modified")).isFalse();
                    assertThat(object.path("name").asText()).isNotEmpty();
                    assertThat(object.path("extensions").size()).isEqualTo(1);
                    markings.add(object.path("id").asText());
                }
                case "identity", "extension-definition", "report" -> {
                    assertThat(object.path("created").asText()).matches(MILLISECONDS);
                    assertThat(object.path("modified").asText()).isEqualTo(object.path("created").asText());
                    assertThat(object.path("name").asText()).isNotEmpty();
                }
                default -> {
                    assertThat(OBSERVABLE_TYPES).contains(type);
                    assertThat(object.has("created")).isFalse();
                    if (!type.equals("email-message")) {
                        assertThat(object.path("id").asText()).as("a UUIDv5").matches(".*--[0-9a-f]{8}-[0-9a-f]{4}-5.*");
                    }
                }
            }
        }
        for (JsonNode object : bundle.path("objects")) {
            object.properties().forEach(property -> {
                if (property.getKey().endsWith("_ref")) {
                    assertThat(ids).as(property.getKey()).contains(property.getValue().asText());
                }
                if (property.getKey().endsWith("_refs")) {
                    assertThat(ids).as(property.getKey()).containsAll(strings(property.getValue()));
                }
            });
            if (object.has("object_marking_refs")) {
                assertThat(markings).containsAll(strings(object.path("object_marking_refs")));
            }
        }
    }

    private static Report everyPart(PartScopes scopes) {
        Map<Part, PartContent> parts = new EnumMap<>(Part.class);
        parts.put(Part.HEADERS, headers());
        parts.put(Part.ATTACHMENTS, new AttachmentList(List.of(
                new Attachment("請求書.zip", "application/zip", "2", Fingerprinter.of(new byte[] {1, 2, 3})),
                new Attachment("", "application/octet-stream", "3", Fingerprinter.of(new byte[] {4, 5, 6})))));
        parts.put(Part.INDICATORS, new Indicators(
                List.of(new UrlIndicator("http://evil.example/x", "evil.example"),
                        new UrlIndicator("https://invoice-check.example.net/pay?id=1", "invoice-check.example.net")),
                List.of("evil.example", "invoice-check.example.net"),
                List.of("203.0.113.7"),
                List.of("2001:db8::7"),
                List.of("drop@evil.example", "keiri@invoice-check.example.net")));
        parts.put(Part.BODY, new BodyExcerpt("至急お支払いください", false));
        parts.put(Part.SPAM, new SpamAnalysis(SpamAnalysis.Status.SPAM, 9.5, 5.0, List.of("URI_PHISH")));
        parts.put(Part.REPORTER, new ReporterIdentity("reporter@bank-a.example"));
        parts.put(Part.PROVIDER_NAME, new ProviderName("bank-a", "銀行A", "Bank A"));
        parts.put(Part.PROVIDER_SECTOR, new ProviderSector("banking"));
        return report(parts, scopes);
    }

    private static OriginalHeaders headers() {
        String first = "from mx.bank-a.example by mbox.bank-a.example; Thu, 26 Nov 2026 10:15:03 +0900";
        String second = "from mail.invoice-check.example.net ([203.0.113.7]) by mx.bank-a.example; Thu, 26 Nov 2026 10:15:01 +0900";
        List<HeaderField> fields = List.of(
                new HeaderField("Received", first),
                new HeaderField("Received", second),
                new HeaderField("Authentication-Results", "mx.bank-a.example; spf=fail smtp.mailfrom=invoice-check.example.net"),
                new HeaderField("From", "経理部 佐藤 <keiri@invoice-check.example.net>"),
                new HeaderField("Sender", "bulk@mailer.example.net"),
                new HeaderField("To", "Taro Yamada <taro.yamada@bank-a.example>, hanako@bank-a.example"),
                new HeaderField("CC", "it@bank-a.example"),
                new HeaderField("Reply-To", "drop@evil.example"),
                new HeaderField("Subject", "【至急】請求書"),
                new HeaderField("Date", "Thu, 26 Nov 2026 10:15:00 +0900 (JST)"),
                new HeaderField("Message-ID", "<20261126101500.1@invoice-check.example.net>"),
                new HeaderField("MIME-Version", "1.0"),
                new HeaderField("Content-Type", "multipart/mixed; boundary=\"b1\""),
                new HeaderField("X-Mailer", "Microsoft Outlook 16.0"),
                new HeaderField("authentication-results", "mx.bank-a.example; dmarc=fail header.from=invoice-check.example.net"),
                new HeaderField("X.Not-A-Dictionary-Key", "left out"));
        return new OriginalHeaders("【至急】請求書", "経理部 佐藤 <keiri@invoice-check.example.net>", "bulk@mailer.example.net",
                List.of("Taro Yamada <taro.yamada@bank-a.example>", "hanako@bank-a.example"), List.of("it@bank-a.example"),
                "drop@evil.example", "bounce@invoice-check.example.net", "Thu, 26 Nov 2026 10:15:00 +0900 (JST)",
                "<20261126101500.1@invoice-check.example.net>", "Microsoft Outlook 16.0", "203.0.113.7",
                List.of(new ReceivedHop("mx.bank-a.example", "mbox.bank-a.example", "", "", "Thu, 26 Nov 2026 10:15:03 +0900"),
                        new ReceivedHop("mail.invoice-check.example.net", "mx.bank-a.example", "203.0.113.7", "",
                                "Thu, 26 Nov 2026 10:15:01 +0900")),
                List.of(new AuthenticationVerdict("mx.bank-a.example", "spf", "fail", "smtp.mailfrom=invoice-check.example.net")),
                fields);
    }

    private static Report report(Map<Part, PartContent> parts, PartScopes scopes) {
        return new Report(new ReportId("C4TAP-20261126-7K3M9Q2XWD"), Instant.parse("2026-11-26T01:16:00.123456Z"),
                new ScopeChoice(Scope.RED, ScopeChoice.Origin.CONFIGURED_DEFAULT), scopes, parts, List.of());
    }

    private static JsonNode tree(Report report) {
        return tree(StixBundle.render(report));
    }

    private static JsonNode tree(String rendered) {
        try {
            return JSON.readTree(rendered);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Stream<JsonNode> objects(JsonNode bundle) {
        return StreamSupport.stream(bundle.path("objects").spliterator(), false);
    }

    private static Stream<JsonNode> ofType(JsonNode bundle, String type) {
        return objects(bundle).filter(object -> object.path("type").asText().equals(type));
    }

    private static Stream<JsonNode> reportAndObservables(JsonNode bundle) {
        return objects(bundle).filter(object -> object.path("type").asText().equals("report")
                || OBSERVABLE_TYPES.contains(object.path("type").asText()));
    }

    private static JsonNode object(JsonNode bundle, String id) {
        return objects(bundle).filter(object -> object.path("id").asText().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no object " + id));
    }

    private static JsonNode onlyAddress(JsonNode bundle) {
        List<JsonNode> addresses = ofType(bundle, "email-addr").toList();
        assertThat(addresses).hasSize(1);
        return addresses.getFirst();
    }

    private static List<Map.Entry<String, List<String>>> markingsByType(JsonNode bundle) {
        return reportAndObservables(bundle)
                .map(object -> Map.entry(object.path("type").asText(), strings(object.path("object_marking_refs"))))
                .toList();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
