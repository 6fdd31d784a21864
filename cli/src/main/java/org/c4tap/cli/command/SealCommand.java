package org.c4tap.cli.command;

import jakarta.mail.internet.MimeMessage;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.c4tap.core.relay.Relay;
import org.c4tap.core.report.Report;
import org.c4tap.core.smime.Certificates;
import org.c4tap.core.smime.Credential;
import org.c4tap.core.smime.KeyStores;
import org.c4tap.core.smime.Sealer;
import org.c4tap.core.smime.SealingProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code c4tap seal FILE.eml --sign operator.p12 --to council.pem}: the exact S/MIME message the gateway would relay. */
@Command(name = "seal", mixinStandardHelpOptions = true,
        description = "Analyse a submission and print the sealed report (signed, then encrypted) that the operator gateway would relay.")
public final class SealCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE.eml", description = "the submission")
    Path file;

    @Option(names = "--sign", required = true, paramLabel = "P12", description = "the operator's PKCS#12 key store")
    Path keystore;

    @Option(names = "--to", required = true, paramLabel = "PEM", description = "the council's certificate")
    Path council;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "the key store password (else $C4TAP_KEYSTORE_PASSWORD, else keystore-password beside the key store)")
    Path passwordFile;

    @Option(names = "--scope", paramLabel = "SCOPE", description = "the scope the reporter chose")
    String scope;

    @Option(names = "--from", paramLabel = "ADDRESS", description = "the gateway's address (default: the last address of the signing certificate)")
    String from;

    @Option(names = "--council-address", paramLabel = "ADDRESS", description = "the council's intake address (default: the first address of its certificate)")
    String councilAddress;

    @Option(names = "--encryption", paramLabel = "MODE", defaultValue = "aes-256-gcm",
            description = "aes-256-gcm (AuthEnvelopedData, the gateway default) or aes-256-cbc (EnvelopedData)")
    String encryption;

    @Option(names = "--rsa-key-transport", paramLabel = "MODE", defaultValue = "oaep-sha256", description = "oaep-sha256 or pkcs1-v1_5")
    String keyTransport;

    @Option(names = "--rsa-signature", paramLabel = "MODE", defaultValue = "pkcs1-v1_5", description = "pkcs1-v1_5 or pss")
    String rsaSignature;

    @Mixin
    PseudonymOptions privacy;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "write the sealed message to FILE (default: standard output)")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<Report> reports = AnalyzeCommand.analyze(file, scope, "RED", null, privacy.pseudonyms(file));
        if (reports.isEmpty()) {
            System.err.println("no reported mail found in " + file + "; nothing to seal");
            return 3;
        }
        char[] password = Passwords.forKeystore(keystore, passwordFile);
        Credential signer;
        try {
            signer = KeyStores.load(keystore, password, null);
        } finally {
            Arrays.fill(password, '\0');
        }
        X509Certificate recipient = Certificates.read(council).get(0);
        List<String> signerAddresses = Certificates.emailAddresses(signer.certificate());
        String sender = from != null ? from : signerAddresses.isEmpty() ? "c4tap-gateway@localhost" : signerAddresses.get(signerAddresses.size() - 1);
        List<String> councilAddresses = Certificates.emailAddresses(recipient);
        String to = councilAddress != null ? councilAddress : councilAddresses.isEmpty() ? "intake@localhost" : councilAddresses.get(0);
        Sealer sealer = new Sealer(signer, new SealingProfile(SealingProfile.ContentEncryption.parse(encryption),
                SealingProfile.RsaKeyTransport.parse(keyTransport), SealingProfile.RsaSignature.parse(rsaSignature)));
        MimeMessage sealed = new Relay(sealer, sender, to, recipient, List.of()).seal(reports.get(0));
        if (out != null) {
            try (OutputStream written = Files.newOutputStream(out)) {
                sealed.writeTo(written);
            }
        } else {
            sealed.writeTo(System.out);
            System.out.flush();
        }
        return 0;
    }
}
