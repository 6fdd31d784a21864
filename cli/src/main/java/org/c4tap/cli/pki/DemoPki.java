package org.c4tap.cli.pki;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.c4tap.cli.demo.DemoParties;
import org.c4tap.cli.demo.DemoParty;
import org.c4tap.core.pki.CertificateAuthority;
import org.c4tap.core.pki.IssueOptions;
import org.c4tap.core.pki.KeyType;
import org.c4tap.core.smime.Certificates;
import org.c4tap.core.smime.Credential;
import org.c4tap.core.smime.KeyStores;
import org.c4tap.core.smime.KeyStores.KeyStoreLoadException;
import org.c4tap.core.trust.CrlFiles;

/**
 * Writes the demo PKI into a folder: {@code ca.pem}, the CA's key in {@code ca.p12} and its CRL in
 * {@code ca.crl} (PEM), so that certificates can be revoked later; for every party
 * {@code <name>.p12} (key, certificate and CA) and {@code <name>.pem} (certificate), the key store
 * password in {@code keystore-password} (readable by its owner only), and {@code registry.yaml}
 * naming the certificates by relative path.
 *
 * <p>The parties of {@link #EC_PARTIES} get EC P-256 keys, the others RSA 2048.
 *
 * <p>The password of every demo key store, the CA's included, is {@value #PASSWORD}. Demo keys
 * protect nothing: never use them outside a demo.
 */
public final class DemoPki {

    public static final String PASSWORD = "c4tap-demo";
    public static final String PASSWORD_FILE = "keystore-password";
    public static final String REGISTRY_FILE = "registry.yaml";
    public static final String CA_FILE = "ca.pem";
    public static final String CA_KEYSTORE_FILE = "ca.p12";
    public static final String CRL_FILE = "ca.crl";
    public static final String CA_ALIAS = "ca";

    /**
     * The parties with EC P-256 keys, so that the demo encrypts notices by ECDH as well as by RSA
     * key transport: power-b and the observer receive theirs by ECDH; observer-pending has not
     * agreed to the rules and receives nothing.
     */
    public static final Set<DemoParty> EC_PARTIES = Set.of(DemoParties.PARTICIPANT, DemoParties.OBSERVER, DemoParties.OBSERVER_PENDING);

    private static final Duration VALIDITY = Duration.ofDays(730);
    /** Long enough for a demo folder to outlive its use; a real CA would publish a CRL every few days. */
    private static final Duration CRL_LIFETIME = Duration.ofDays(365);

    private final Path directory;

    private DemoPki(Path directory) {
        this.directory = directory;
    }

    public static DemoPki generate(Path directory) throws IOException, GeneralSecurityException {
        Files.createDirectories(directory);
        CertificateAuthority ca = CertificateAuthority.create("C4TAP Demo CA", VALIDITY.multipliedBy(2));
        Files.writeString(directory.resolve(CA_FILE), Certificates.pem(ca.certificate()), StandardCharsets.US_ASCII);
        writeKeystore(directory.resolve(CA_KEYSTORE_FILE), CA_ALIAS, ca.credential(), PASSWORD.toCharArray());
        restrict(directory.resolve(CA_KEYSTORE_FILE));
        writeAtomically(directory.resolve(CRL_FILE), CrlFiles.pem(ca.crl(Instant.now(), CRL_LIFETIME)));
        for (DemoParty party : DemoParties.ALL) {
            CertificateAuthority.Issued issued = ca.issue(party.nameEn(), party.nameEn(), party.addresses(),
                    IssueOptions.of(keyType(party), VALIDITY));
            Files.writeString(directory.resolve(party.name() + ".pem"), Certificates.pem(issued.certificate()), StandardCharsets.US_ASCII);
            writeKeystore(directory.resolve(party.name() + ".p12"), party.name(), issued.credential(), PASSWORD.toCharArray());
        }
        Path password = directory.resolve(PASSWORD_FILE);
        Files.writeString(password, PASSWORD + "\n", StandardCharsets.UTF_8);
        restrict(password);
        Files.writeString(directory.resolve(REGISTRY_FILE), registryYaml(), StandardCharsets.UTF_8);
        return new DemoPki(directory);
    }

    /** The key type of {@code party}'s certificate. */
    public static KeyType keyType(DemoParty party) {
        return EC_PARTIES.contains(party) ? KeyType.EC_P256 : KeyType.RSA_2048;
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

    public Path caKeystore() {
        return directory.resolve(CA_KEYSTORE_FILE);
    }

    public Path crl() {
        return directory.resolve(CRL_FILE);
    }

    /**
     * Revokes {@code certificate} with the demo CA and rewrites {@code ca.crl} with the next CRL
     * number, revoked at {@code at}; the CRL is rewritten (and so refreshed) even when the
     * certificate was on it already.
     *
     * @param password the password of {@code ca.p12}
     * @throws IllegalArgumentException when the demo CA did not issue {@code certificate}
     */
    public Revoked revoke(X509Certificate certificate, char[] password, Instant at)
            throws IOException, GeneralSecurityException, KeyStoreLoadException {
        Credential key = KeyStores.load(caKeystore(), password, CA_ALIAS);
        Optional<X509CRL> last = Files.exists(crl()) ? Optional.of(CrlFiles.read(crl()).get(0)) : Optional.empty();
        CertificateAuthority ca = CertificateAuthority.resume(key, last);
        boolean added = ca.revoke(certificate, at);
        X509CRL crl = ca.crl(at, CRL_LIFETIME);
        writeAtomically(crl(), CrlFiles.pem(crl));
        return new Revoked(added, crl);
    }

    /** The outcome of {@link #revoke}: whether the certificate was newly added, and the CRL written. */
    public record Revoked(boolean added, X509CRL crl) {
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

    private static void writeKeystore(Path file, String alias, Credential credential, char[] password)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(alias, credential.key(), password, credential.chain().toArray(Certificate[]::new));
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
    }

    /** Gateways may read the CRL at any moment: they see the old file or the new one, never half of one. */
    private static void writeAtomically(Path file, String content) throws IOException {
        // beside the target, so the move stays on one file system; with the umask's permissions, as a CRL is public
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(temporary, content, StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // on file systems without POSIX permissions the file keeps its default ones
        }
    }
}
