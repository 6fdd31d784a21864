package org.c4tap.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.c4tap.core.acceptance.Accepted;
import org.c4tap.core.acceptance.Refusal;
import org.c4tap.core.acceptance.ReportAcceptance;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.notice.Distribution;
import org.c4tap.core.notice.Distributor;
import org.c4tap.core.notice.Notice;
import org.c4tap.core.registry.Registry;
import org.c4tap.core.registry.RegistryLoader;
import org.c4tap.core.scope.Part;
import org.c4tap.core.smime.Certificates;
import org.c4tap.core.smime.Credential;
import org.c4tap.core.smime.KeyStores;
import org.c4tap.core.smime.Opener;
import org.c4tap.core.smime.Sealer;
import org.c4tap.core.smime.SealingProfile;
import org.c4tap.core.trust.CertificateValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code c4tap distribute SEALED.eml --key council.p12 --registry registry.yaml --out DIR}: the council's distribution, offline. */
@Command(name = "distribute", mixinStandardHelpOptions = true,
        description = {"Accept a sealed report as the council gateway would (decrypt, verify, validate with --trust/--crl,",
                "require the signer the registry pins), then write the notice each recipient organisation would",
                "receive into DIR, one <organisation>.eml each, sealed by the council's key. Prints the plan as JSON:",
                "each recipient's role, clearance, parts and their scopes, addresses and file; and who was left out.",
                "Sends nothing. Exit status: 0 when distributed, 1 when the report was refused."})
public final class DistributeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SEALED.eml", description = "the sealed report, as relayed to the council")
    Path file;

    @Option(names = "--key", required = true, paramLabel = "P12", description = "the council's PKCS#12 key store")
    Path keystore;

    @Option(names = "--registry", required = true, paramLabel = "YAML", description = "the participant registry")
    Path registry;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where to write the notices")
    Path out;

    @Mixin
    TrustOptions trust;

    @Option(names = "--from", paramLabel = "ADDRESS", defaultValue = "c4tap@council.example", description = "the notices' sender")
    String from;

    @Option(names = "--minimum-encryption", paramLabel = "MODE", defaultValue = "aes-256-gcm",
            description = "the weakest report encryption accepted: aes-256-gcm (default, as the council gateway) or aes-256-cbc")
    String minimum;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "the key store password (else $C4TAP_KEYSTORE_PASSWORD, else keystore-password beside the key store)")
    Path passwordFile;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        char[] password = Passwords.forKeystore(keystore, passwordFile);
        Credential key;
        try {
            key = KeyStores.load(keystore, password, null);
        } finally {
            Arrays.fill(password, '\0');
        }
        Registry pinned = RegistryLoader.load(registry);
        Optional<CertificateValidator> validator = trust.validator();
        Optional<Supplier<CertificateValidator>> current = validator.map(v -> () -> v);
        MimeMessage sealed;
        try (InputStream in = Files.newInputStream(file)) {
            sealed = new MimeMessage(MimeParts.session(), in);
        }
        Accepted accepted;
        try {
            accepted = new ReportAcceptance(new Opener(key, SealingProfile.ContentEncryption.parse(minimum)), current, () -> pinned)
                    .accept(sealed);
        } catch (Refusal refusal) {
            err.println("refused: " + refusal.getMessage());
            err.flush();
            return 1;
        }
        Distributor distributor = new Distributor(new Sealer(key, SealingProfile.STANDARD), from, java.util.List.of());
        if (validator.isPresent()) {
            distributor = distributor.validatingRecipients(() -> validator.get());
        }
        Distribution distribution = distributor.distribute(accepted.report(), accepted.provider(), pinned);

        Files.createDirectories(out);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode plan = json.createObjectNode();
        plan.put("report_id", accepted.report().id().value());
        plan.put("provider", accepted.provider().id());
        plan.put("signer", Certificates.describe(accepted.opened().signer()));
        ArrayNode notices = plan.putArray("notices");
        for (Notice notice : distribution.notices()) {
            String name = notice.delivery().recipient().id() + ".eml";
            try (OutputStream written = Files.newOutputStream(out.resolve(name))) {
                notice.sealed().writeTo(written);
            }
            ObjectNode entry = notices.addObject();
            entry.put("recipient", notice.delivery().recipient().id());
            entry.put("role", notice.delivery().recipient().role().key());
            entry.put("clearance", notice.delivery().clearance().label());
            ObjectNode parts = entry.putObject("parts");
            for (Part part : notice.delivery().parts()) {
                parts.put(part.key(), distribution.attributed().scopes().of(part).label());
            }
            ArrayNode addresses = entry.putArray("addresses");
            notice.addresses().forEach(addresses::add);
            entry.put("file", out.resolve(name).toString());
        }
        ArrayNode skipped = plan.putArray("left_out");
        distribution.skipped().forEach(skipped::add);
        PrintWriter print = spec.commandLine().getOut();
        print.println(json.writeValueAsString(plan));
        print.flush();
        return 0;
    }
}
