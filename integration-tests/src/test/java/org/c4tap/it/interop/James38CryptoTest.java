package org.c4tap.it.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.MimeBodyPart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.c4tap.cli.james.Installation;
import org.c4tap.core.entity.ReportEntity;
import org.c4tap.core.sample.Sample;
import org.c4tap.core.sample.SampleEntity;
import org.c4tap.core.sample.SampleParcel;
import org.c4tap.core.report.ReportJson;
import org.c4tap.core.smime.Certificates;
import org.c4tap.core.smime.Credential;
import org.c4tap.core.smime.Opened;
import org.c4tap.core.smime.Opener;
import org.c4tap.core.smime.OuterHeaders;
import org.c4tap.core.smime.Sealer;
import org.c4tap.core.smime.SealingProfile;
import org.c4tap.core.smime.SealingProfile.ContentEncryption;
import org.c4tap.core.smime.SealingProfile.RsaKeyTransport;
import org.c4tap.core.smime.SealingProfile.RsaSignature;
import org.c4tap.core.testing.SampleReports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The deployable James 3.8 jar (our jar after the Eclipse Transformer, javax.mail types) on the
 * class path James 3.8.1 ships: BouncyCastle 1.70 (bcprov, bcpkix, bcutil jdk15on), javax.mail
 * 1.6.2 and the 3.8.1 mailet API, loaded as James loads extensions, in a child class loader over
 * James's own, with nothing of the test's class path visible (no c4tap classes, no jakarta.mail,
 * no SnakeYAML, no BouncyCastle 1.81). Everything in the jar is reached by reflection.
 *
 * <p>What BouncyCastle 1.70 can do, recorded here: every profile seals, and opens, on 1.70 except
 * that an EC recipient cannot open AES-GCM (AuthEnvelopedData with key agreement needs
 * JceKeyAgreeAuthEnvelopedRecipient, which BouncyCastle added in 1.71): the Opener reports
 * cannot_decrypt and says so. Sealing ECDH with AES-GCM works on 1.70, and what 1.70 seals opens
 * on 1.81 and the other way round.
 */
class James38CryptoTest {

    private static final String SUBJECT = "C4TAP report C4TAP-20261126-ABCDEFGHJK";
    private static final String JSON = ReportJson.write(SampleReports.green());

    private static URLClassLoader james;
    /** Calls into the jar with James's class loader as the thread's context class loader, as James runs mailets. */
    private static Reflect j38;
    private static URLClassLoader extension;
    private static Object ca;
    private static Party rsaSender;
    private static Party ecSender;
    private static Party rsaRecipient;
    private static Party ecRecipient;

    /** A party the James 3.8 CA issued: the jar's Issued object, and the same key and certificate as JDK types. */
    record Party(String address, Object issued, X509Certificate certificate, PrivateKey key, List<X509Certificate> chain) {

        Object credential38() throws Exception {
            return j38.call(issued, "credential");
        }

        Credential credential() {
            return new Credential(key, certificate, chain);
        }

        boolean ec() {
            return certificate.getPublicKey().getAlgorithm().startsWith("EC");
        }
    }

    @BeforeAll
    static void loadTheJarAsJames381LoadsExtensions() throws Exception {
        Installation installation = Installation.locate();
        installation.check();
        james = new URLClassLoader("james-3.8.1", jars(installation.jamesClassPath()), ClassLoader.getPlatformClassLoader());
        extension = new URLClassLoader("c4tap-james38-extension", jars(installation.james38Extensions()), james);
        j38 = new Reflect(james);
        ca = j38.callStatic(type("org.c4tap.core.pki.CertificateAuthority"), "create", "C4TAP James 3.8 CA", Duration.ofDays(30));
        rsaSender = party(ca, "gateway@bank-a.example", "RSA_2048");
        ecSender = party(ca, "gateway@power-b.example", "EC_P256");
        rsaRecipient = party(ca, "intake@council.example", "RSA_2048");
        ecRecipient = party(ca, "noc@observer.example", "EC_P256");
    }

    @AfterAll
    static void closeTheClassLoaders() throws IOException {
        if (extension != null) {
            extension.close();
        }
        if (james != null) {
            james.close();
        }
    }

    @Test
    void theJarRunsOnJames381sClassPathAndSeesNothingOfTheTests() throws Exception {
        assertThat(type("org.c4tap.core.smime.Sealer").getClassLoader()).isSameAs(extension);
        assertThat(type("org.c4tap.shaded.jackson.databind.ObjectMapper").getClassLoader()).isSameAs(extension);
        assertThat(type("org.bouncycastle.mail.smime.SMIMESignedGenerator").getClassLoader()).isSameAs(extension);
        Class<?> provider = type("org.bouncycastle.jce.provider.BouncyCastleProvider");
        assertThat(provider.getClassLoader()).isSameAs(james);
        assertThat(((Provider) j38.construct(provider)).getInfo()).isEqualTo("BouncyCastle Security Provider v1.70");
        assertThat(type("org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator").getClassLoader()).isSameAs(james);
        assertThat(type("javax.mail.internet.MimeMessage").getClassLoader()).isSameAs(james);
        assertThat(Stream.of(type("org.c4tap.core.smime.Sealer").getMethods()).filter(method -> method.getName().equals("seal"))
                .map(method -> method.getReturnType().getName())).containsExactly("javax.mail.internet.MimeMessage");
        for (String absent : List.of("jakarta.mail.internet.MimeMessage", "org.c4tap.it.interop.James38CryptoTest",
                "org.yaml.snakeyaml.Yaml", "org.bouncycastle.cms.jcajce.JceKeyAgreeAuthEnvelopedRecipient")) {
            assertThatThrownBy(() -> extension.loadClass(absent)).as(absent).isInstanceOf(ClassNotFoundException.class);
        }
    }

    /**
     * The Eclipse Transformer copies a class it fails to rewrite as it was, and only logs the
     * failure (it did so for an inner class's constructor): such a class would fail in James 3.8
     * only when first used. Every class of ours in the jar loads on James 3.8.1's class path with
     * its fields, methods and constructors resolved. (Not its record components: the transformer
     * leaves their descriptors naming jakarta.mail, so {@code getRecordComponents()} of a record
     * holding a mail type would fail; nothing of ours reflects on them.)
     */
    @Test
    void everyClassOfOursInTheJarWasTransformed() throws Exception {
        Path jar;
        try (Stream<Path> files = Files.list(Installation.locate().james38Extensions())) {
            jar = files.filter(path -> path.getFileName().toString().startsWith("c4tap-gateway-james38")).findFirst().orElseThrow();
        }
        List<String> broken = new ArrayList<>();
        int ours = 0;
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            for (java.util.zip.ZipEntry entry : java.util.Collections.list(zip.entries())) {
                String name = entry.getName();
                // shaded libraries keep optional dependencies (OSGi, Brotli, Zstandard) they never load here
                if (!name.startsWith("org/c4tap/") || name.startsWith("org/c4tap/shaded/") || !name.endsWith(".class")) {
                    continue;
                }
                ours++;
                String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                try {
                    Class<?> type = Class.forName(className, false, extension);
                    type.getDeclaredFields();
                    type.getDeclaredMethods();
                    type.getDeclaredConstructors();
                } catch (LinkageError | ClassNotFoundException e) {
                    broken.add(className + ": " + e);
                }
            }
        }
        assertThat(ours).as("our classes in %s", jar).isGreaterThan(300);
        assertThat(broken).as("classes that do not resolve on James 3.8.1").isEmpty();
    }

    @Test
    void theCertificateAuthorityIssuesRsaAndEcCertificatesAndSignsCrlsOnBouncyCastle170() throws Exception {
        X509Certificate root = (X509Certificate) j38.call(ca, "certificate");
        assertThat(root.getSigAlgName()).isEqualTo("SHA256withRSA");
        for (Party party : List.of(rsaSender, ecSender)) {
            X509Certificate certificate = party.certificate();
            certificate.verify(root.getPublicKey());
            assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.4");
            assertThat(Certificates.emailAddresses(certificate)).containsExactly(party.address());
            boolean[] usage = certificate.getKeyUsage();
            assertThat(usage[0]).as("digitalSignature").isTrue();
            assertThat(usage[2]).as("keyEncipherment").isEqualTo(!party.ec());
            assertThat(usage[4]).as("keyAgreement").isEqualTo(party.ec());
        }
        assertThat(rsaSender.certificate().getPublicKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(ecSender.certificate().getPublicKey().getAlgorithm()).isEqualTo("EC");

        Party revoked = party(ca, "revoked@bank-a.example", "RSA_2048");
        j38.call(ca, "revoke", revoked.certificate(), Instant.now().minus(Duration.ofMinutes(5)));
        X509CRL crl = (X509CRL) j38.call(ca, "crl", Instant.now().minus(Duration.ofMinutes(1)), Duration.ofDays(1));
        crl.verify(root.getPublicKey());
        assertThat(crl.isRevoked(revoked.certificate())).isTrue();
        assertThat(crl.isRevoked(rsaSender.certificate())).isFalse();
        assertThat(j38.callStatic(type("org.c4tap.core.pki.CertificateAuthority"), "crlNumber", crl)).isEqualTo(Optional.of(BigInteger.ONE));

        // the jar's own validator, on 1.70, with that CRL
        Object settings = j38.call(j38.callStatic(type("org.c4tap.core.trust.TrustSettings"), "anchoredAt", List.of(root)),
                "withCrls", List.of(crl));
        Object validator = j38.construct(type("org.c4tap.core.trust.CertificateValidator"), settings);
        j38.call(validator, "validateSigner", rsaSender.certificate(), List.of(), rsaSender.address());
        j38.call(validator, "validateSigner", ecSender.certificate(), List.of(), ecSender.address());
        assertThatThrownBy(() -> j38.call(validator, "validateSigner", revoked.certificate(), List.of(), revoked.address()))
                .satisfies(rejection -> {
                    assertThat(rejection.getClass().getName()).isEqualTo("org.c4tap.core.trust.CertificateRejection");
                    assertThat(j38.call(j38.call(rejection, "reason"), "key")).isEqualTo("revoked");
                });

        // an EC P-256 root signs certificates and CRLs with ECDSA
        Object validity = j38.callStatic(type("org.c4tap.core.pki.Validity"), "fromNow", Duration.ofDays(30));
        Object ecCa = j38.callStatic(type("org.c4tap.core.pki.CertificateAuthority"), "create", "C4TAP James 3.8 EC CA",
                keyType("EC_P256"), validity);
        X509Certificate ecRoot = (X509Certificate) j38.call(ecCa, "certificate");
        assertThat(ecRoot.getSigAlgName()).isEqualTo("SHA256withECDSA");
        Party underEc = party(ecCa, "gateway@related.example", "RSA_2048");
        underEc.certificate().verify(ecRoot.getPublicKey());
        assertThat(underEc.certificate().getSigAlgName()).isEqualTo("SHA256withECDSA");
        j38.call(ecCa, "revoke", underEc.certificate(), Instant.now().minus(Duration.ofMinutes(5)));
        X509CRL ecCrl = (X509CRL) j38.call(ecCa, "crl", Instant.now().minus(Duration.ofMinutes(1)), Duration.ofDays(1));
        ecCrl.verify(ecRoot.getPublicKey());
        assertThat(ecCrl.isRevoked(underEc.certificate())).isTrue();
    }

    /** One sealing profile with its signer and recipient key types. */
    record Case(String name, ContentEncryption encryption, RsaKeyTransport transport, RsaSignature signature, boolean ecSigner,
                boolean ecRecipient) {

        @Override
        public String toString() {
            return name;
        }

        /** What BouncyCastle 1.70 cannot do: open AuthEnvelopedData through ECDH (key agreement). */
        boolean opensOn170() {
            return !(ecRecipient && encryption == ContentEncryption.AES_256_GCM);
        }
    }

    static Stream<Case> profiles() {
        List<Case> cases = new ArrayList<>();
        for (ContentEncryption encryption : ContentEncryption.values()) {
            for (RsaKeyTransport transport : RsaKeyTransport.values()) {
                for (RsaSignature signature : RsaSignature.values()) {
                    cases.add(new Case("RSA " + encryption + " " + transport + " " + signature + " signature", encryption, transport,
                            signature, false, false));
                }
            }
        }
        for (ContentEncryption encryption : ContentEncryption.values()) {
            cases.add(new Case("EC P-256 signer (ECDSA), " + encryption + " to RSA-OAEP", encryption, RsaKeyTransport.OAEP_SHA256,
                    RsaSignature.PKCS1_V1_5, true, false));
            cases.add(new Case("EC P-256 recipient (ECDH), " + encryption, encryption, RsaKeyTransport.OAEP_SHA256,
                    RsaSignature.PKCS1_V1_5, false, true));
            cases.add(new Case("EC P-256 signer and recipient, " + encryption, encryption, RsaKeyTransport.OAEP_SHA256,
                    RsaSignature.PKCS1_V1_5, true, true));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void sealedOnBouncyCastle170ItOpensOn170AndOn181(Case profile) throws Exception {
        Party signer = profile.ecSigner() ? ecSender : rsaSender;
        Party recipient = profile.ecRecipient() ? ecRecipient : rsaRecipient;
        Object entity = j38.callStatic(type("org.c4tap.core.entity.ReportEntity"), "render",
                j38.callStatic(type("org.c4tap.core.report.ReportJson"), "read", JSON));
        Object headers = j38.construct(type("org.c4tap.core.smime.OuterHeaders"), signer.address(), List.of(recipient.address()),
                SUBJECT, SUBJECT + ": 件名", "<james38@bank-a.example>");
        Object sealer = j38.construct(type("org.c4tap.core.smime.Sealer"), signer.credential38(), profile38(profile));
        byte[] wire = bytes(j38.call(sealer, "seal", entity, headers, List.of(recipient.certificate())));
        byte[] signedEntity = bytes(entity);

        openedOn170(profile, recipient, signer, wire, signedEntity);

        Opened opened = new Opener(recipient.credential()).open(Wire.message(wire));
        assertThat(opened.signer()).isEqualTo(signer.certificate());
        assertThat(opened.encryption()).isEqualTo(profile.encryption());
        assertThat(Wire.bytes(opened.content())).isEqualTo(signedEntity);
        assertThat(ReportJson.write(ReportEntity.parse(opened.content()))).isEqualTo(JSON);
        assertThat(opened.headers().subject()).isEqualTo(SUBJECT + ": 件名");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void sealedOnBouncyCastle181ItOpensOn170(Case profile) throws Exception {
        Party signer = profile.ecSigner() ? ecSender : rsaSender;
        Party recipient = profile.ecRecipient() ? ecRecipient : rsaRecipient;
        MimeBodyPart entity = ReportEntity.render(ReportJson.read(JSON));
        byte[] wire = Wire.bytes(new Sealer(signer.credential(), new SealingProfile(profile.encryption(), profile.transport(),
                profile.signature())).seal(entity, new OuterHeaders(signer.address(), List.of(recipient.address()), SUBJECT,
                "<james39@bank-a.example>"), List.of(recipient.certificate())));

        openedOn170(profile, recipient, signer, wire, Wire.bytes(entity));
    }

    @Test
    void aReportAndASamplesParcelLargerThan16KiBAreReadWholeUnderJavaxMail16() throws Exception {
        // javax.mail 1.6's base64 decoder answers a read of 0 bytes with -1, which ends the JDK's
        // readAllBytes and readNBytes after their first 16 KiB buffer
        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(JSON);
        tree.putObject("body").put("excerpt", "ログインしてください。".repeat(3_000)).put("truncated", false);
        String largeJson = ReportJson.write(ReportJson.read(tree.toString()));
        assertThat(largeJson.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(64 * 1024);
        Object report = j38.callStatic(type("org.c4tap.core.entity.ReportEntity"), "parse",
                javaxMessage(Wire.bytes(ReportEntity.toMessage(ReportJson.read(largeJson)))));
        assertThat(j38.callStatic(type("org.c4tap.core.report.ReportJson"), "write", report)).isEqualTo(largeJson);

        byte[] sample = new byte[60_000];
        new java.util.Random(3).nextBytes(sample);
        String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(sample));
        SampleParcel parcel = SampleParcel.pack(ReportJson.read(JSON).id(), List.of(new Sample("a.exe", sha256, sample)), List.of());
        Object read = j38.callStatic(type("org.c4tap.core.sample.SampleEntity"), "parse",
                javaxMessage(Wire.bytes(SampleEntity.toMessage(parcel))));
        assertThat((byte[]) j38.call(read, "zip")).isEqualTo(parcel.zip());
    }

    private static Object javaxMessage(byte[] bytes) throws Exception {
        return j38.construct(type("javax.mail.internet.MimeMessage"),
                j38.callStatic(type("org.c4tap.core.message.MimeParts"), "session"), new ByteArrayInputStream(bytes));
    }

    /** Opens {@code wire} with the jar's Opener on BouncyCastle 1.70, as James 3.8 would. */
    private static void openedOn170(Case profile, Party recipient, Party signer, byte[] wire, byte[] signedEntity) throws Exception {
        Object message = j38.construct(type("javax.mail.internet.MimeMessage"),
                j38.callStatic(type("org.c4tap.core.message.MimeParts"), "session"), new ByteArrayInputStream(wire));
        Object opener = j38.construct(type("org.c4tap.core.smime.Opener"), recipient.credential38());
        if (!profile.opensOn170()) {
            assertThatThrownBy(() -> j38.call(opener, "open", message)).satisfies(failure -> {
                assertThat(failure.getClass().getName()).isEqualTo("org.c4tap.core.smime.OpenFailure");
                assertThat(j38.call(j38.call(failure, "reason"), "key")).isEqualTo("cannot_decrypt");
                assertThat(failure.getMessage()).isEqualTo(
                        "cannot_decrypt: this BouncyCastle cannot decrypt ECDH with AES-GCM; it needs 1.71 or newer");
            });
            return;
        }
        Object opened = j38.call(opener, "open", message);
        assertThat(j38.call(opened, "signer")).isEqualTo(signer.certificate());
        assertThat(j38.call(j38.call(opened, "encryption"), "name")).isEqualTo(profile.encryption().name());
        Object content = j38.call(opened, "content");
        assertThat(bytes(content)).isEqualTo(signedEntity);
        Object report = j38.callStatic(type("org.c4tap.core.entity.ReportEntity"), "parse", content);
        assertThat(j38.callStatic(type("org.c4tap.core.report.ReportJson"), "write", report)).isEqualTo(JSON);
    }

    private static Object profile38(Case profile) throws Exception {
        return j38.construct(type("org.c4tap.core.smime.SealingProfile"),
                Reflect.constant(type("org.c4tap.core.smime.SealingProfile$ContentEncryption"), profile.encryption().name()),
                Reflect.constant(type("org.c4tap.core.smime.SealingProfile$RsaKeyTransport"), profile.transport().name()),
                Reflect.constant(type("org.c4tap.core.smime.SealingProfile$RsaSignature"), profile.signature().name()));
    }

    @SuppressWarnings("unchecked")
    private static Party party(Object authority, String address, String keyType) throws Exception {
        Object options = j38.callStatic(type("org.c4tap.core.pki.IssueOptions"), "of", keyType(keyType), Duration.ofDays(30));
        Object issued = j38.call(authority, "issue", address, "James 3.8 " + address, List.of(address), options);
        X509Certificate certificate = (X509Certificate) j38.call(issued, "certificate");
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(certificate);
        chain.addAll((List<X509Certificate>) j38.call(issued, "issuers"));
        return new Party(address, issued, certificate, (PrivateKey) j38.call(issued, "key"), chain);
    }

    private static Object keyType(String name) throws ClassNotFoundException {
        return Reflect.constant(type("org.c4tap.core.pki.KeyType"), name);
    }

    private static Class<?> type(String name) throws ClassNotFoundException {
        return Class.forName(name, true, extension);
    }

    /** A javax.mail part or message, written out. */
    private static byte[] bytes(Object part) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        j38.call(part, "writeTo", out);
        return out.toByteArray();
    }

    private static URL[] jars(Path folder) throws IOException {
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path jar : files.filter(path -> path.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(jar.toUri().toURL());
            }
        }
        assertThat(urls).as("jars in %s", folder).isNotEmpty();
        return urls.toArray(URL[]::new);
    }
}
