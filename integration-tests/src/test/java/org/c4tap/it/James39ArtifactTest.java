package org.c4tap.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.mailet.Mail;
import org.apache.mailet.Mailet;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.c4tap.cli.demo.DemoParties;
import org.c4tap.cli.demo.SuspiciousMail;
import org.c4tap.cli.james.Installation;
import org.c4tap.cli.pki.DemoPki;
import org.c4tap.core.entity.ReportEntity;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.smime.KeyStores;
import org.c4tap.core.smime.Opener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployable James 3.9 jar set, loaded the way James 3.9 loads extensions: in a child class
 * loader over what James provides (the 3.9 mailet API, jakarta.mail, BouncyCastle's provider and
 * PKIX classes). Our own classes come from the jar only, so its relocated Jackson and SnakeYAML and
 * the shipped BouncyCastle S/MIME jar are what runs.
 */
class James39ArtifactTest {

    @TempDir
    Path directory;

    @Test
    void theJames39JarBuildsAndSealsAReportWithOnlyWhatJamesProvides() throws Exception {
        DemoPki pki = DemoPki.generate(directory.resolve("pki"));
        try (URLClassLoader extension = new URLClassLoader(jars(Installation.locate().home()
                .resolve("dist/target/james-3.9/extensions-jars")), new HidingOurClasses(getClass().getClassLoader()))) {
            FakeMailContext context = FakeMailContext.defaultContext();
            Mailet build = mailet(extension, "org.c4tap.mailets.BuildReport", context, Map.of("reportAddress", DemoParties.REPORT_ADDRESS));
            Mailet seal = mailet(extension, "org.c4tap.mailets.SealReport", context, Map.of(
                    "keystore", pki.keystore(DemoParties.OPERATOR).toString(),
                    "keystorePasswordFile", pki.passwordFile().toString(),
                    "councilCertificate", pki.certificate(DemoParties.COUNCIL).toString(),
                    "councilAddress", DemoParties.INTAKE_ADDRESS,
                    "gatewayAddress", DemoParties.GATEWAY_ADDRESS,
                    "trustAnchors", pki.caCertificate().toString(),
                    "crls", pki.crl().toString()));
            assertThat(build.getClass().getClassLoader()).isSameAs(extension);

            SuspiciousMail.Sample sample = SuspiciousMail.sample(DemoParties.EMPLOYEE);
            byte[] forward = SuspiciousMail.forwardAsAttachment(sample.message(), DemoParties.EMPLOYEE, "report+amber@bank-a.example");
            Mail mail = FakeMail.builder().name("submission")
                    .mimeMessage(new MimeMessage(MimeParts.session(), new java.io.ByteArrayInputStream(forward)))
                    .sender(DemoParties.EMPLOYEE).recipient("report+amber@bank-a.example").build();
            build.service(mail);
            assertThat(mail.getState()).isEqualTo("c4tap-seal");
            seal.service(mail);

            MimeMessage sealed = context.getSentMails().get(0).getMsg();
            var opened = new Opener(KeyStores.load(pki.keystore(DemoParties.COUNCIL), DemoPki.PASSWORD.toCharArray(), null))
                    .open(new MimeMessage(MimeParts.session(), new java.io.ByteArrayInputStream(bytes(sealed))));
            var report = ReportEntity.parse(opened.content());
            assertThat(report.part(org.c4tap.core.report.AttachmentList.class).orElseThrow().attachments().get(0).fingerprint().sha256())
                    .isEqualTo(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(sample.attachment())));
        }
    }

    private static Mailet mailet(ClassLoader loader, String name, FakeMailContext context, Map<String, String> parameters) throws Exception {
        Mailet mailet = (Mailet) loader.loadClass(name).getDeclaredConstructor().newInstance();
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName(name).mailetContext(context);
        parameters.forEach(config::setProperty);
        mailet.init(config.build());
        return mailet;
    }

    private static URL[] jars(Path folder) throws IOException {
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path jar : files.filter(path -> path.toString().endsWith(".jar")).toList()) {
                urls.add(jar.toUri().toURL());
            }
        }
        assertThat(urls).hasSize(2);
        return urls.toArray(URL[]::new);
    }

    private static byte[] bytes(MimeMessage message) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    /** James's class path as an extension sees it: no c4tap classes, no Jackson, no SnakeYAML, no S/MIME jar. */
    private static final class HidingOurClasses extends ClassLoader {
        private static final List<String> HIDDEN = List.of("org.c4tap.", "com.fasterxml.jackson.", "org.yaml.snakeyaml.",
                "org.bouncycastle.mail.");

        HidingOurClasses(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            for (String prefix : HIDDEN) {
                if (name.startsWith(prefix)) {
                    throw new ClassNotFoundException(name);
                }
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public URL getResource(String name) {
            return name.startsWith("META-INF/services/com.fasterxml") ? null : super.getResource(name);
        }
    }
}
