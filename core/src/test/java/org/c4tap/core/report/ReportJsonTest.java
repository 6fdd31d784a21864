package org.c4tap.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.c4tap.core.entity.ReportEntity;
import org.c4tap.core.scope.Part;
import org.c4tap.core.scope.Scope;
import org.c4tap.core.testing.SampleReports;
import org.junit.jupiter.api.Test;

class ReportJsonTest {

    @Test
    void theContractKeysArePresent() throws Exception {
        JsonNode json = new ObjectMapper().readTree(ReportJson.write(SampleReports.green()));
        assertThat(json.path("version").asText()).isEqualTo("1.0");
        assertThat(json.path("report_id").asText()).isEqualTo("C4TAP-20261126-ABCDEFGHJK");
        assertThat(json.path("scope").path("requested").asText()).isEqualTo("GREEN");
        assertThat(json.path("scope").path("parts").path("headers").asText()).isEqualTo("AMBER");
        assertThat(json.path("scope").path("parts").path("reporter").asText()).isEqualTo("RED");
        assertThat(json.path("message").path("subject").asText()).isEqualTo("件名");
        assertThat(json.path("message").path("from").asText()).isEqualTo("attacker@evil.example");
        JsonNode attachment = json.path("attachments").get(0);
        assertThat(attachment.path("filename").asText()).isEqualTo("a.zip");
        assertThat(attachment.path("size").asLong()).isEqualTo(3);
        assertThat(attachment.path("md5").asText()).hasSize(32);
        assertThat(attachment.path("sha1").asText()).hasSize(40);
        assertThat(attachment.path("sha256").asText()).isEqualTo("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81");
        assertThat(json.path("urls").get(0).path("url").asText()).isEqualTo("http://evil.example/x");
        assertThat(json.path("spam").path("status").asText()).isEqualTo("unavailable");
        assertThat(json.path("notes").get(0).path("kind").asText()).isEqualTo("unreadable_part");
    }

    @Test
    void roundTrips() throws Exception {
        Report report = SampleReports.green();
        Report read = ReportJson.read(ReportJson.write(report));
        assertThat(read).isEqualTo(report);
    }

    @Test
    void aRestrictedReportWritesOnlyItsParts() throws Exception {
        Report restricted = SampleReports.green().restrictTo(Scope.GREEN);
        assertThat(restricted.parts().keySet()).containsExactlyInAnyOrder(Part.INDICATORS, Part.ATTACHMENTS, Part.SPAM);
        JsonNode json = new ObjectMapper().readTree(ReportJson.write(restricted));
        assertThat(json.has("message")).isFalse();
        assertThat(json.has("reporter")).isFalse();
        assertThat(json.has("body")).isFalse();
        assertThat(json.path("attachments")).hasSize(1);
        assertThat(json.path("notes")).hasSize(1);
        assertThat(ReportText.render(restricted)).doesNotContain("taro@bank.example").doesNotContain("件名").doesNotContain("本文");
    }

    @Test
    void unknownScopeLabelsReadAsRed() throws Exception {
        String json = ReportJson.write(SampleReports.green()).replace("\"indicators\" : \"GREEN\"", "\"indicators\" : \"TLP:CLEAR\"");
        assertThat(ReportJson.read(json).scopes().of(Part.INDICATORS)).isEqualTo(Scope.RED);
    }

    @Test
    void aMalformedIdIsRefused() {
        String json = ReportJson.write(SampleReports.green()).replace("C4TAP-20261126-ABCDEFGHJK", "C4TAP-1\\r\\nBcc: x@y");
        assertThatThrownBy(() -> ReportJson.read(json)).isInstanceOf(ReportFormatException.class).hasMessageContaining("report_id");
        assertThatThrownBy(() -> ReportJson.read("{not json")).isInstanceOf(ReportFormatException.class);
        assertThatThrownBy(() -> ReportJson.read("[]")).isInstanceOf(ReportFormatException.class);
    }

    @Test
    void entityRoundTrip() throws Exception {
        Report report = SampleReports.green();
        assertThat(ReportEntity.parse(ReportEntity.render(report))).isEqualTo(report);
        assertThat(ReportEntity.parse(ReportEntity.toMessage(report))).isEqualTo(report);
    }

    @Test
    void generatedIdsAreWellFormedAndDistinct() {
        ReportId a = ReportId.generate(java.time.Clock.systemUTC());
        ReportId b = ReportId.generate(java.time.Clock.systemUTC());
        assertThat(ReportId.isValid(a.value())).isTrue();
        assertThat(a).isNotEqualTo(b);
    }
}
