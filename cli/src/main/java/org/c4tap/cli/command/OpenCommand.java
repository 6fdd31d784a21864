package org.c4tap.cli.command;

import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Date;
import java.util.concurrent.Callable;
import org.c4tap.core.entity.ReportEntity;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.registry.Organisation;
import org.c4tap.core.registry.RegistryLoader;
import org.c4tap.core.report.Report;
import org.c4tap.core.report.ReportFormatException;
import org.c4tap.core.report.ReportJson;
import org.c4tap.core.smime.Certificates;
import org.c4tap.core.smime.Credential;
import org.c4tap.core.smime.KeyStores;
import org.c4tap.core.smime.OpenFailure;
import org.c4tap.core.smime.Opened;
import org.c4tap.core.smime.Opener;
import org.c4tap.core.trust.ParticipantTrust;
import org.c4tap.core.trust.TrustAnchors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code c4tap open FILE --key council.p12 --trust ca.pem}: decrypt, verify, print the report and the signer. */
@Command(name = "open", mixinStandardHelpOptions = true,
        description = {"Decrypt a sealed report or notice, verify its signature and the signer's certificate chain,",
                "print the report JSON on standard output and the signer on standard error.",
                "Exit status: 0 when it opened and verified, 1 when it was refused (the reason on standard error)."})
public final class OpenCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the sealed message (.eml)")
    Path file;

    @Option(names = "--key", required = true, paramLabel = "P12", description = "the recipient's PKCS#12 key store")
    Path keystore;

    @Option(names = "--trust", required = true, paramLabel = "PEM", description = "trust anchor certificate(s), PEM")
    Path trust;

    @Option(names = "--registry", paramLabel = "YAML", description = "also require a signer pinned in this registry, as the council does")
    Path registry;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "the key store password (else $C4TAP_KEYSTORE_PASSWORD, else keystore-password beside the key store)")
    Path passwordFile;

    @Override
    public Integer call() throws Exception {
        char[] password = Passwords.forKeystore(keystore, passwordFile);
        Credential key;
        try {
            key = KeyStores.load(keystore, password, null);
        } finally {
            Arrays.fill(password, '\0');
        }
        MimeMessage message;
        try (InputStream in = Files.newInputStream(file)) {
            message = new MimeMessage(MimeParts.session(), in);
        }
        Opened opened;
        Report report;
        try {
            opened = new Opener(key).open(message);
            new TrustAnchors(Certificates.read(trust)).validate(opened.signer(), opened.certificates(), new Date());
            if (registry != null) {
                Organisation provider = ParticipantTrust.provider(opened, RegistryLoader.load(registry));
                System.err.println("provider: " + provider.id() + " (" + provider.nameEn() + ")");
            }
            report = ReportEntity.parse(opened.content());
        } catch (OpenFailure e) {
            System.err.println("refused: " + e.getMessage());
            return 1;
        } catch (TrustAnchors.UntrustedException e) {
            System.err.println("refused: untrusted_certificate: " + e.getMessage());
            return 1;
        } catch (ReportFormatException e) {
            System.err.println("refused: malformed_report: " + e.getMessage());
            return 1;
        }
        System.err.println("signer: " + Certificates.describe(opened.signer()) + " " + Certificates.emailAddresses(opened.signer()));
        System.out.println(ReportJson.write(report));
        return 0;
    }
}
