package org.c4tap.core.stix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.List;
import org.c4tap.core.report.ReportId;
import org.c4tap.core.scope.Part;
import org.junit.jupiter.api.Test;

/** Identifiers against the examples of the STIX 2.1 specification and values computed by hand. */
class StixIdentifierTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Test
    void anIpv4AddressAsInSection29() {
        ObjectNode value = JSON.objectNode().put("value", "198.51.100.3");

        assertThat(StixIdentifier.ofObservable("ipv4-addr", value, value))
                .isEqualTo("ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4");
    }

    @Test
    void anEmailAddressAsInSection65() {
        assertThat(EmailAddress.of("john@example.com").id()).isEqualTo("email-addr--7165e2a9-671f-585d-b1e1-ca59c671d934");
        assertThat(new EmailAddress("jdoe@example.com", "John Doe").id())
                .isEqualTo("email-addr--6deb37bd-12b7-54ae-805f-5f7146f3d171");
    }

    @Test
    void filesAsInSection67() {
        ObjectNode foo = JSON.objectNode().put("name", "foo.dll");
        foo.putObject("hashes").put("SHA-256", "fe90a7e910cb3a4739bed9180e807e93fa70c90f25a8915476f5e4bfbac681db");
        ObjectNode query = JSON.objectNode().put("name", "qu\u00eary.dll");
        query.putObject("hashes").put("SHA-256", "841a8921140aba50671ebb0770fecc4ee308c4952cfeff8de154ab14eeef4649");

        assertThat(StixIdentifier.ofObservable("file", foo, foo)).isEqualTo("file--949eb97a-da1e-5292-8959-03c4249dc9f3");
        assertThat(StixIdentifier.ofObservable("file", query, query)).isEqualTo("file--7d1e3a18-89e7-5bc5-be36-9879f5b7f5c8");
    }

    @Test
    void aUrlComputedByHand() {
        // UUIDv5(00abedb4-aa42-466c-9c01-fed23315a9b7, '{"value":"http://evil.example/x"}')
        assertThat(new NetworkValue(NetworkValue.Kind.URL, "http://evil.example/x").id())
                .isEqualTo("url--ed0e5172-090c-522b-81f3-305844d81e08");
    }

    @Test
    void withNoContributingPropertyTheUuidIsVersion4AndStillRepeatable() {
        ObjectNode properties = JSON.objectNode().put("is_multipart", false).put("message_id", "<1@evil.example>");

        String id = StixIdentifier.ofObservable("email-message", JSON.objectNode(), properties);

        assertThat(id).matches("email-message--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(StixIdentifier.ofObservable("email-message", JSON.objectNode(), properties)).isEqualTo(id);
    }

    @Test
    void viewsOfOneReportDifferByTheirParts() {
        ReportId report = new ReportId("C4TAP-20261126-ABCDEFGHJK");

        // UUIDv5(38ecb7c7-e3c0-4db0-97db-ab7dd1fc1105, "report C4TAP-20261126-ABCDEFGHJK attachments,headers,indicators")
        assertThat(StixIdentifier.ofView("report", report, List.of(Part.HEADERS, Part.INDICATORS, Part.ATTACHMENTS)))
                .isEqualTo("report--13207127-569e-51ce-a28d-944d18efbc74");
        assertThat(StixIdentifier.ofView("report", report, EnumSet.of(Part.INDICATORS, Part.ATTACHMENTS)))
                .isEqualTo("report--351696f8-a58c-5206-b344-ccefdb1f4d6c");
        assertThat(StixIdentifier.ofView("bundle", report, EnumSet.of(Part.INDICATORS, Part.ATTACHMENTS)))
                .isEqualTo("bundle--12e594a5-f1b4-578f-bcbc-965a4159d459");
    }
}
