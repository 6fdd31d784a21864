package org.c4tap.cli.command;

import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.c4tap.core.acceptance.Accepted;
import org.c4tap.core.acceptance.Refusal;
import org.c4tap.core.acceptance.ReportAcceptance;
import org.c4tap.core.acceptance.TrustedOpener;
import org.c4tap.core.entity.ReportEntity;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.registry.RegistryLoader;
import org.c4tap.core.report.Report;
import org.c4tap.core.report.ReportFormatException;
import org.c4tap.core.report.ReportJson;
import org.c4tap.core.smime.Certificates;
import org.c4tap.core.smime.Credential;
import org.c4tap.core.smime.KeyStores;
import org.c4tap.core.smime.Opened;
import org.c4tap.core.smime.Opener;
import org.c4tap.core.smime.SealingProfile;
import org.c4tap.core.trust.CertificateValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code c4tap open FILE --key council.p12 --trust ca.pem [--crl ca.crl] [--registry R]}: what a recipient or the council checks. */
@Command(name = "open", mixinStandardHelpOptions = true,
        description = {"Decrypt a sealed report or notice, verify its signature, validate the signer's certificate",
                "(chain to --trust, revocation from --crl, key usage, the protected From among its addresses),",
                "and with --registry require the signer the registry pins, exactly as the council gateway does.",
                "Prints the report JSON on standard output and the signer on standard error.",
                "Exit status: 0 when it opened and verified, 1 when it was refused (the reason on standard error)."})
public final class OpenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the sealed message (.eml)")
    Path file;

    @Option(names = "--key", required = true, paramLabel = "P12", description = "the recipient's PKCS#12 key store")
    Path keystore;

    @Mixin
    TrustOptions trust;

    @Option(names = "--registry", paramLabel = "YAML", description = "also require a signer pinned in this registry, as the council does")
    Path registry;

    @Option(names = "--minimum-encryption", paramLabel = "MODE", defaultValue = "aes-256-cbc",
            description = "refuse less: aes-256-cbc (default, what notices use) or aes-256-gcm (what the council requires of reports)")
    String minimum;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "the key store password (else $C4TAP_KEYSTORE_PASSWORD, else keystore-password beside the key store)")
    Path passwordFile;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Optional<CertificateValidator> validator = trust.validator();
        if (validator.isEmpty()) {
            err.println("warning: no --trust: the signer's certificate is not validated, only the signature");
        }
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
        Opener opener = new Opener(key, SealingProfile.ContentEncryption.parse(minimum));
        Optional<java.util.function.Supplier<CertificateValidator>> current = validator.map(v -> () -> v);
        Opened opened;
        Report report;
        try {
            if (registry != null) {
                var pinned = RegistryLoader.load(registry);
                Accepted accepted = new ReportAcceptance(opener, current, () -> pinned).accept(message);
                err.println("provider: " + accepted.provider().id() + " (" + accepted.provider().nameEn() + ")");
                opened = accepted.opened();
                report = accepted.report();
            } else {
                opened = new TrustedOpener(opener, current).open(message);
                report = ReportEntity.parse(opened.content());
            }
        } catch (Refusal refusal) {
            err.println("refused: " + refusal.getMessage());
            return 1;
        } catch (ReportFormatException e) {
            err.println("refused: malformed_report: " + e.getMessage());
            return 1;
        }
        err.println("signer: " + Certificates.describe(opened.signer()) + " " + Certificates.emailAddresses(opened.signer()));
        err.println("encryption: " + opened.encryption());
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        out.println(ReportJson.write(report));
        out.flush();
        return 0;
    }
}
