package org.c4tap.bench.input;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.c4tap.core.pki.CertificateAuthority;
import org.c4tap.core.pki.IssueOptions;
import org.c4tap.core.pki.KeyType;
import org.c4tap.core.smime.Credential;

/**
 * The benchmarks' PKI: one CA (RSA 3072, from {@link CertificateAuthority}) and named S/MIME keys
 * it issued. Generating the 350 RSA keys of a full registry takes about half a minute, and JMH runs
 * every benchmark in a fresh JVM, so each key is generated once and kept (PKCS #8 and DER) in a
 * {@code fixtures} folder beside the benchmark jar, {@code benchmarks/target/fixtures}, which
 * {@code mvn clean} removes. The keys protect nothing.
 */
public final class BenchPki {

    private static final Duration VALIDITY = Duration.ofDays(3650);

    private final Path folder;
    private final CertificateAuthority ca;

    private BenchPki(Path folder, CertificateAuthority ca) {
        this.folder = folder;
        this.ca = ca;
    }

    /** The PKI kept beside the benchmark classes, made on first use. */
    public static BenchPki standard() {
        return in(besideTheClasses().resolve("pki"));
    }

    public static synchronized BenchPki in(Path folder) {
        try {
            Files.createDirectories(folder);
            Optional<Credential> kept = read(folder, "ca");
            CertificateAuthority ca;
            if (kept.isPresent()) {
                ca = CertificateAuthority.resume(kept.get(), Optional.empty());
            } else {
                // keys issued by a CA that is gone would no longer chain: start afresh
                try (var stale = Files.list(folder)) {
                    for (Path file : stale.toList()) {
                        Files.delete(file);
                    }
                }
                ca = CertificateAuthority.create("C4TAP Benchmark CA", VALIDITY.multipliedBy(2));
                write(folder, "ca", ca.credential());
            }
            return new BenchPki(folder, ca);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the benchmark CA", e);
        }
    }

    public CertificateAuthority ca() {
        return ca;
    }

    /**
     * The key called {@code name}, issued for {@code address} with a key of {@code type} the first
     * time it is asked for; the same key and certificate every time after.
     */
    public synchronized Credential key(String name, String address, KeyType type) {
        String file = name + "-" + type.name().toLowerCase(java.util.Locale.ROOT);
        try {
            Optional<Credential> kept = read(folder, file);
            if (kept.isPresent()) {
                return kept.get();
            }
            CertificateAuthority.Issued issued = ca.issue(name, name, List.of(address), IssueOptions.of(type, VALIDITY));
            write(folder, file, issued.credential());
            return issued.credential();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue the benchmark key " + name, e);
        }
    }

    private static Optional<Credential> read(Path folder, String name) throws IOException, GeneralSecurityException {
        Path key = folder.resolve(name + ".key");
        Path chain = folder.resolve(name + ".chain");
        if (!Files.exists(key) || !Files.exists(chain)) {
            return Optional.empty();
        }
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certificates = factory.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(chain)))
                .stream().map(X509Certificate.class::cast).toList();
        String algorithm = certificates.get(0).getPublicKey().getAlgorithm();
        PrivateKey privateKey = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(key)));
        return Optional.of(new Credential(privateKey, certificates.get(0), certificates));
    }

    private static void write(Path folder, String name, Credential credential) throws IOException, GeneralSecurityException {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : credential.chain()) {
            pem.append("-----BEGIN CERTIFICATE-----\n")
                    .append(java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        // the key last: a reader that finds both files finds a complete pair
        replace(folder.resolve(name + ".chain"), pem.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        replace(folder.resolve(name + ".key"), credential.key().getEncoded());
    }

    private static void replace(Path target, byte[] bytes) throws IOException {
        Path temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        Files.write(temporary, bytes);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code benchmarks/target/fixtures}: beside the jar (or the classes folder) this class came from. */
    static Path besideTheClasses() {
        try {
            Path location = Path.of(BenchPki.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.getParent().resolve("fixtures");
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the benchmark classes", e);
        }
    }
}
