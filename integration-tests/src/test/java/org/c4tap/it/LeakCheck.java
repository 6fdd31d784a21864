package org.c4tap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.c4tap.cli.demo.DemoNetwork;
import org.c4tap.cli.demo.DemoParties;
import org.c4tap.cli.demo.DemoParty;
import org.c4tap.cli.james.JamesServer;
import org.c4tap.cli.pki.DemoPki;
import org.c4tap.core.smime.Credential;
import org.c4tap.core.smime.KeyStores;

/**
 * Reads what the gateways wrote about the mail they handled, their logs and the attributes of the
 * mails they kept, and checks that no message content and no key material is in it.
 */
final class LeakCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LeakCheck() {
    }

    /** Distinctive pieces of every demo party's private key and of the key stores' password. */
    static List<String> keyMaterial(DemoPki pki) throws Exception {
        List<String> fragments = new ArrayList<>();
        for (DemoParty party : DemoParties.ALL) {
            Credential credential = KeyStores.load(pki.keystore(party), DemoPki.PASSWORD.toCharArray(), null);
            String encoded = Base64.getEncoder().encodeToString(credential.key().getEncoded());
            fragments.add(encoded.substring(encoded.length() / 2, encoded.length() / 2 + 40));
        }
        fragments.add("PRIVATE KEY");
        fragments.add(DemoPki.PASSWORD);
        return fragments;
    }

    /** Both gateways' logs: every line, as bytes and as UTF-8 text. */
    static void assertLogsClean(DemoNetwork network, List<String> forbidden) throws Exception {
        for (JamesServer server : List.of(network.operator(), network.council())) {
            byte[] log = Files.readAllBytes(server.log());
            String utf8 = new String(log, StandardCharsets.UTF_8);
            String latin1 = new String(log, StandardCharsets.ISO_8859_1);
            assertThat(utf8.lines().count()).as(server.name() + "'s log").isPositive();
            for (String fragment : forbidden) {
                assertThat(utf8).as(server.name() + "'s log").doesNotContain(fragment);
                assertThat(latin1).as(server.name() + "'s log").doesNotContain(fragment);
            }
        }
    }

    /**
     * Every attribute of every mail in {@code repository}: each has a JSON form (James distributed
     * carries attributes as JSON), and none holds a forbidden fragment. Returns the attribute names seen.
     */
    static List<String> assertAttributesClean(JamesServer server, String repository, List<String> forbidden) throws Exception {
        List<String> names = new ArrayList<>();
        for (String key : server.webAdmin().repositoryKeys(repository)) {
            JsonNode mail = JSON.readTree(server.webAdmin().repositoryMailDetails(repository, key));
            JsonNode attributes = mail.get("attributes");
            assertThat(attributes).as("attributes of " + key).isNotNull();
            Iterator<Map.Entry<String, JsonNode>> fields = attributes.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                names.add(field.getKey());
                String value = field.getValue().toString();
                for (String fragment : forbidden) {
                    assertThat(value).as(field.getKey() + " of " + key).doesNotContain(fragment);
                }
            }
        }
        return names;
    }
}
