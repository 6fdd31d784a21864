package org.c4tap.bench.input;

import jakarta.mail.internet.MimeBodyPart;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.c4tap.core.entity.ReportEntity;
import org.c4tap.core.pki.KeyType;
import org.c4tap.core.smime.Credential;

/**
 * Writes the benchmarks' inputs as files, for what runs outside the JVM: the tool baselines
 * ({@code md5sum} … {@code ssdeep} on the very attachment the benchmarks hash, OpenSSL encrypting
 * the very notice entity to the same certificates) and the heap probe.
 *
 * <pre>java -cp … org.c4tap.bench.input.InputFiles DIR</pre>
 *
 * writes {@code DIR/attachment-50mb.bin}, {@code DIR/forward-50mb.eml}, {@code DIR/forward-typical.eml},
 * {@code DIR/notice-entity-200kb.eml} and {@code DIR/recipients/org-NNN.pem} (one per
 * organisation of the 350-organisation registry) with {@code DIR/recipients.txt} listing them (path
 * and key algorithm), and the council's signing certificate and key ({@code council.pem},
 * {@code council.key.pem}; benchmark keys, which protect nothing).
 */
public final class InputFiles {

    private InputFiles() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: InputFiles DIR");
            System.exit(2);
        }
        Path folder = Files.createDirectories(Path.of(args[0]));
        SampleForward large = LargeIntake.forward();
        Files.write(folder.resolve("attachment-50mb.bin"), large.attachment());
        Files.write(folder.resolve("forward-50mb.eml"), large.bytes());
        Files.write(folder.resolve("forward-typical.eml"), SampleForward.typical().bytes());

        MimeBodyPart entity = ReportEntity.render(SampleReports.large());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        entity.writeTo(bytes);
        Files.write(folder.resolve("notice-entity-200kb.eml"), bytes.toByteArray());

        Path recipients = Files.createDirectories(folder.resolve("recipients"));
        StringBuilder list = new StringBuilder();
        SampleRegistry registry = SampleRegistry.of(BenchPki.standard(), Scale.ORGANISATIONS);
        for (var organisation : registry.registry().organisations()) {
            List<X509Certificate> certificates = organisation.addresses().get(0).certificates();
            Path file = recipients.resolve(organisation.id() + ".pem");
            Files.writeString(file, pem(certificates.get(0)));
            list.append(file.toAbsolutePath()).append('\t').append(certificates.get(0).getPublicKey().getAlgorithm()).append('\n');
        }
        Files.writeString(folder.resolve("recipients.txt"), list);
        // the council's signing key, for timing one OpenSSL signature over the same entity
        Credential council = BenchPki.standard().key("council", "c4tap@council.example", KeyType.RSA_2048);
        Files.writeString(folder.resolve("council.pem"), pem(council.certificate()));
        Files.writeString(folder.resolve("council.key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(council.key().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        System.out.println("inputs written to " + folder);
    }

    private static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
