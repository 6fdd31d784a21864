package org.c4tap.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.c4tap.core.smime.Certificates;
import org.c4tap.core.testing.FuzzSeeds;
import org.c4tap.core.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target: the text of a registry file through the loader the council gateway runs at start
 * and whenever the file changes. The property: it either returns a registry or refuses with a
 * {@link RegistryException} listing the problems; never another exception, never a hang (YAML
 * aliases, nesting), and a registry it returns is well-formed (unique ids of the allowed shape,
 * lower-case addresses, each with a certificate).
 *
 * <p>The file is written beside a {@code certs/} folder, so that paths in it resolve as they do on
 * a gateway. Seeds: the documented example and registries with inline and path certificates.
 */
class RegistryLoaderFuzzTest {

    private static final Path EXAMPLE = Path.of("..", "config", "registry.example.yaml");
    private static final Path DIRECTORY = directory();
    private static final Path FILE = DIRECTORY.resolve("registry.yaml");

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    @DictionaryFile(resourcePath = "RegistryLoaderFuzzTest.dict")
    void load(byte[] input) throws IOException {
        Files.write(FILE, input);
        Registry registry;
        try {
            registry = RegistryLoader.load(FILE);
        } catch (RegistryException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        Set<String> ids = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        for (Organisation organisation : registry.organisations()) {
            assertThat(organisation.id()).matches("[a-z0-9][a-z0-9._-]{0,63}");
            assertThat(ids.add(organisation.id())).as("unique id %s", organisation.id()).isTrue();
            assertThat(organisation.addresses()).isNotEmpty();
            for (DeliveryAddress address : organisation.addresses()) {
                assertThat(address.address()).matches("[^@\\s]+@[^@\\s]+").isLowerCase();
                assertThat(addresses.add(address.address())).as("address %s owned once", address.address()).isTrue();
                assertThat(address.certificates()).isNotEmpty();
            }
        }
    }

    /** A folder with the certificates the seeds name by path. */
    private static Path directory() {
        try {
            Path directory = Files.createTempDirectory("registry-fuzz");
            directory.toFile().deleteOnExit();
            Path certs = Files.createDirectories(directory.resolve("certs"));
            java.util.regex.Matcher named = java.util.regex.Pattern.compile("certs/([a-z0-9-]+)\\.pem").matcher(Files.readString(EXAMPLE));
            while (named.find()) {
                Files.writeString(certs.resolve(named.group(1) + ".pem"), Certificates.pem(TestPki.key(named.group(1)).certificate()));
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, byte[]> seeds() throws IOException {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("example", Files.readAllBytes(EXAMPLE));
        String inline = Certificates.pem(TestPki.key("fuzz-inline").certificate()).indent(14);
        seeds.put("inline-certificate", """
                version: 1
                organisations:
                  - id: bank-a
                    name: { ja: みらい銀行, en: Mirai Bank }
                    sector: banking
                    role: participant
                    agreed_to_rules: true
                    gateway_certificates: [ certs/bank-a-gateway.pem ]
                    addresses:
                      - address: C4TAP@Bank-A.example
                        certificates: [ certs/bank-a.pem ]
                        gcm: true
                  - id: secretariat
                    role: secretariat
                    active: false
                    addresses:
                      - address: soc@nisc.example
                        certificates:
                          - |
                %s""".formatted(inline).getBytes(StandardCharsets.UTF_8));
        seeds.put("anchors-and-problems", """
                version: 1
                organisations:
                  - &org
                    id: Bad Id
                    role: nobody
                    sector: space
                    active: maybe
                    addresses:
                      - address: not-an-address
                        certificates: [ certs/missing.pem, "-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----" ]
                  - *org
                  - id: bank-a
                    role: participant
                    extra: 1
                    addresses: { address: a@b }
                """.getBytes(StandardCharsets.UTF_8));
        return seeds;
    }

    @Test
    void theSeedCorpusIsCommittedAndTheExampleLoads() throws Exception {
        assertThat(FuzzSeeds.writeMissing(getClass(), "load", seeds())).as("seeds written now: commit them").isEmpty();
        Map<String, byte[]> committed = FuzzSeeds.committed(getClass(), "load");
        Files.write(FILE, committed.get("seed-example"));
        assertThat(RegistryLoader.load(FILE).organisations()).hasSizeGreaterThanOrEqualTo(5);
        Files.write(FILE, committed.get("seed-inline-certificate"));
        assertThat(RegistryLoader.load(FILE).organisations()).hasSize(2);
    }
}
