package org.c4tap.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.c4tap.core.smime.Certificates;
import org.c4tap.core.testing.TestPki;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryLoaderTest {

    @TempDir
    Path directory;

    @BeforeEach
    void certificates() throws Exception {
        Files.writeString(directory.resolve("bank.pem"), Certificates.pem(TestPki.key("bank").certificate()));
        Files.writeString(directory.resolve("nisc.pem"), Certificates.pem(TestPki.key("nisc").certificate()));
    }

    @Test
    void readsOrganisationsWithPathAndInlineCertificates() throws Exception {
        String inline = Certificates.pem(TestPki.key("nisc").certificate()).indent(14);
        Path file = write("""
                version: 1
                organisations:
                  - id: bank-a
                    name: { ja: みらい銀行, en: Mirai Bank }
                    sector: banking
                    role: participant
                    gateway_certificates: [ bank.pem ]
                    addresses:
                      - address: C4TAP@Bank-A.example
                        certificates: [ bank.pem ]
                        gcm: true
                  - id: secretariat
                    role: secretariat
                    active: false
                    addresses:
                      - address: soc@nisc.example
                        certificates:
                          - |
                %s""".formatted(inline));
        Registry registry = RegistryLoader.load(file);
        assertThat(registry.organisations()).extracting(Organisation::id).containsExactly("bank-a", "secretariat");
        Organisation bank = registry.byId("bank-a").orElseThrow();
        assertThat(bank.nameJa()).isEqualTo("みらい銀行");
        assertThat(bank.sector()).contains(Sector.BANKING);
        assertThat(bank.role()).isEqualTo(Role.PARTICIPANT);
        assertThat(bank.active()).isTrue();
        assertThat(bank.addresses().get(0).address()).isEqualTo("c4tap@bank-a.example");
        assertThat(bank.addresses().get(0).gcm()).isTrue();
        assertThat(registry.byGatewayCertificate(TestPki.key("bank").certificate())).contains(bank);
        assertThat(registry.byGatewayCertificate(TestPki.key("nisc").certificate())).isEmpty();
        Organisation secretariat = registry.byId("secretariat").orElseThrow();
        assertThat(secretariat.active()).isFalse();
        assertThat(secretariat.addresses().get(0).certificates()).hasSize(1);
    }

    @Test
    void reportsEveryProblemWithItsLine() throws Exception {
        Path file = write("""
                version: 1
                organisations:
                  - id: bank-a
                    role: banker
                    addresses:
                      - address: a@bank.example
                        certificates: [ missing.pem ]
                  - id: bank-a
                    role: participant
                    colour: red
                    addresses:
                      - address: b@bank.example
                        certificates: [ bank.pem ]
                """);
        assertThatThrownBy(() -> RegistryLoader.load(file))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.problems()).anySatisfy(p ->
                                assertThat(p).startsWith("line 4:").contains("unknown role 'banker'"))
                        .anySatisfy(p -> assertThat(p).startsWith("line 7:").contains("missing.pem"))
                        .anySatisfy(p -> assertThat(p).startsWith("line 10:").contains("unknown key 'colour'")));
    }

    @Test
    void anAddressSharedBetweenOrganisationsIsRefused() throws Exception {
        Path file = write("""
                version: 1
                organisations:
                  - id: a
                    role: related
                    addresses: [ { address: soc@x.example, certificates: [ bank.pem ] } ]
                  - id: b
                    role: related
                    addresses: [ { address: SOC@x.example, certificates: [ nisc.pem ] } ]
                """);
        assertThatThrownBy(() -> RegistryLoader.load(file))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("line 6:").contains("soc@x.example is shared with organisation 'a'")));
    }

    @Test
    void duplicateIdsAreRefused() throws Exception {
        Path file = write("""
                version: 1
                organisations:
                  - id: a
                    role: related
                    addresses: [ { address: a@x.example, certificates: [ bank.pem ] } ]
                  - id: a
                    role: related
                    addresses: [ { address: b@x.example, certificates: [ nisc.pem ] } ]
                """);
        assertThatThrownBy(() -> RegistryLoader.load(file))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("line 6:").contains("already used at line 3")));
    }

    @Test
    void brokenYamlIsRefusedWithItsLine() throws Exception {
        Path file = write("version: 1\norganisations:\n  - id: [unclosed\n");
        assertThatThrownBy(() -> RegistryLoader.load(file)).isInstanceOf(RegistryException.class).hasMessageContaining("line");
    }

    /** Found by RegistryLoaderFuzzTest: the loader threw MalformedInputException, an I/O failure without a line. */
    @Test
    void aFileSavedAsShiftJisIsRefusedWithItsLine() throws Exception {
        Path file = directory.resolve("registry.yaml");
        Files.write(file, "version: 1\norganisations:\n  - id: bank-a\n    name: { ja: みらい銀行 }\n"
                .getBytes(java.nio.charset.Charset.forName("Shift_JIS")));
        assertThatThrownBy(() -> RegistryLoader.load(file)).isInstanceOfSatisfying(RegistryException.class,
                e -> assertThat(e.problems()).containsExactly("line 4: not UTF-8 (byte 57); save the file as UTF-8"));
    }

    /** Found by RegistryLoaderFuzzTest: SnakeYAML threw IllegalArgumentException for this tag, which the loader let through. */
    @Test
    void yamlThatSnakeYamlRejectsUncheckedIsRefused() throws Exception {
        Path file = write("!%a");
        assertThatThrownBy(() -> RegistryLoader.load(file)).isInstanceOfSatisfying(RegistryException.class,
                e -> assertThat(e.problems()).containsExactly("not readable as YAML: IllegalArgumentException: "
                        + "Tag must not contain leading or trailing spaces."));
    }

    /** A broken version that SnakeYAML rejects unchecked is refused like any other: the last good one stays. */
    @Test
    void anUnreadableNewVersionLeavesTheLastGoodOneInForce() throws Exception {
        Path file = write("""
                version: 1
                organisations:
                  - id: a
                    role: related
                    addresses: [ { address: a@x.example, certificates: [ bank.pem ] } ]
                """);
        RegistryFile held = RegistryFile.open(file);
        Files.writeString(file, "!%a", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertThat(held.current().organisations()).extracting(Organisation::id).containsExactly("a");
        assertThat(held.refusedProblem()).hasValueSatisfying(problem -> assertThat(problem).contains("IllegalArgumentException"));
    }

    @Test
    void aBrokenNewVersionLeavesTheLastGoodOneInForce() throws Exception {
        Path file = write("""
                version: 1
                organisations:
                  - id: a
                    role: related
                    addresses: [ { address: a@x.example, certificates: [ bank.pem ] } ]
                """);
        RegistryFile held = RegistryFile.open(file);
        assertThat(held.current().organisations()).hasSize(1);
        Files.writeString(file, "version: 1\norganisations: [ { id: broken } ]\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertThat(held.current().organisations()).extracting(Organisation::id).containsExactly("a");
        assertThat(held.refusedProblem()).isPresent();
        Files.writeString(file, """
                version: 1
                organisations:
                  - id: b
                    role: related
                    addresses: [ { address: b@x.example, certificates: [ bank.pem ] } ]
                """, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 10000));
        assertThat(held.current().organisations()).extracting(Organisation::id).containsExactly("b");
        assertThat(held.refusedProblem()).isEmpty();
    }

    private Path write(String yaml) throws Exception {
        Path file = directory.resolve("registry.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }
}
