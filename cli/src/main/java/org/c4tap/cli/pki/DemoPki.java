package org.c4tap.cli.pki;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import org.c4tap.cli.demo.DemoParties;
import org.c4tap.cli.demo.DemoParty;
import org.c4tap.core.pki.CertificateAuthority;
import org.c4tap.core.smime.Certificates;

/**
 * Writes the demo PKI into a folder: {@code ca.pem}, and for every party {@code <name>.p12} (key,
 * certificate and CA) and {@code <name>.pem} (certificate), the key store password in
 * {@code keystore-password} (readable by its owner only), and {@code registry.yaml} naming the
 * certificates by relative path.
 *
 * <p>The password of every demo key store is {@value #PASSWORD}. Demo keys protect nothing: never
 * use them outside a demo.
 */
public final class DemoPki {

    public static final String PASSWORD = "c4tap-demo";
    public static final String PASSWORD_FILE = "keystore-password";
    public static final String REGISTRY_FILE = "registry.yaml";
    public static final String CA_FILE = "ca.pem";
    private static final Duration VALIDITY = Duration.ofDays(730);

    private final Path directory;

    private DemoPki(Path directory) {
        this.directory = directory;
    }

    public static DemoPki generate(Path directory) throws IOException, GeneralSecurityException {
        Files.createDirectories(directory);
        CertificateAuthority ca = CertificateAuthority.create("C4TAP Demo CA", VALIDITY.multipliedBy(2));
        Files.writeString(directory.resolve(CA_FILE), Certificates.pem(ca.certificate()), StandardCharsets.US_ASCII);
        for (DemoParty party : DemoParties.ALL) {
            CertificateAuthority.Issued issued = ca.issue(party.nameEn(), party.nameEn(), party.addresses(), VALIDITY);
            Files.writeString(directory.resolve(party.name() + ".pem"), Certificates.pem(issued.certificate()), StandardCharsets.US_ASCII);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(party.name(), issued.key(), PASSWORD.toCharArray(),
                    new Certificate[] {issued.certificate(), ca.certificate()});
            try (OutputStream out = Files.newOutputStream(directory.resolve(party.name() + ".p12"))) {
                store.store(out, PASSWORD.toCharArray());
            }
        }
        Path password = directory.resolve(PASSWORD_FILE);
        Files.writeString(password, PASSWORD + "\n", StandardCharsets.UTF_8);
        restrict(password);
        Files.writeString(directory.resolve(REGISTRY_FILE), registryYaml(), StandardCharsets.UTF_8);
        return new DemoPki(directory);
    }

    public static DemoPki at(Path directory) {
        return new DemoPki(directory);
    }

    public Path directory() {
        return directory;
    }

    public Path keystore(DemoParty party) {
        return directory.resolve(party.name() + ".p12");
    }

    public Path certificate(DemoParty party) {
        return directory.resolve(party.name() + ".pem");
    }

    public Path caCertificate() {
        return directory.resolve(CA_FILE);
    }

    public Path passwordFile() {
        return directory.resolve(PASSWORD_FILE);
    }

    public Path registry() {
        return directory.resolve(REGISTRY_FILE);
    }

    private static String registryYaml() {
        StringBuilder yaml = new StringBuilder();
        yaml.append("# C4TAP demo registry, written by `c4tap pki demo`. See config/registry.example.yaml for\n");
        yaml.append("# the documented format. Certificate paths are relative to this file.\n");
        yaml.append("version: 1\n");
        yaml.append("organisations:\n");
        for (DemoParty party : DemoParties.ORGANISATIONS) {
            yaml.append("  - id: ").append(party.organisation().orElseThrow()).append('\n');
            yaml.append("    name: { ja: \"").append(party.nameJa()).append("\", en: \"").append(party.nameEn()).append("\" }\n");
            party.sector().ifPresent(sector -> yaml.append("    sector: ").append(sector.key()).append('\n'));
            yaml.append("    role: ").append(party.role().orElseThrow().key()).append('\n');
            if (party.agreedToRules()) {
                yaml.append("    agreed_to_rules: true\n");
            }
            yaml.append("    active: true\n");
            if (party == DemoParties.OPERATOR) {
                yaml.append("    gateway_certificates: [ ").append(party.name()).append(".pem ]\n");
            }
            yaml.append("    addresses:\n");
            yaml.append("      - address: ").append(party.noticeAddress()).append('\n');
            yaml.append("        certificates: [ ").append(party.name()).append(".pem ]\n");
        }
        return yaml.toString();
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // on file systems without POSIX permissions the file keeps its default ones
        }
    }
}
