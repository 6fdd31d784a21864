package org.c4tap.cli.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.c4tap.core.registry.Organisation;
import org.c4tap.core.registry.RegistryException;
import org.c4tap.core.registry.RegistryLoader;
import org.c4tap.core.trust.RegistryReview;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code c4tap registry …}: the council's participant registry. */
@Command(name = "registry", mixinStandardHelpOptions = true, description = "The council's participant registry.",
        subcommands = RegistryCommand.Validate.class)
public final class RegistryCommand {

    /** {@code c4tap registry validate FILE [--trust ca.pem --crl ca.crl]}. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Check a registry file before putting it in force: its structure (unique ids, known roles and",
                    "sectors, no address shared between organisations) and every certificate it names (readable,",
                    "valid now, fit for encryption or for signing reports, meant for e-mail; with --trust, chained",
                    "to the CA and not revoked). Every problem is printed with its line.",
                    "Exit status: 0 when the file may be used (warnings allowed), 1 when it has errors."})
    static final class Validate implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "the registry (YAML)")
        Path file;

        @Mixin
        TrustOptions trust;

        @Option(names = "--warn-days", paramLabel = "DAYS", defaultValue = "30", description = "warn of certificates expiring within DAYS (default 30)")
        int warnDays;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            RegistryLoader.Loaded loaded;
            try {
                loaded = RegistryLoader.loadWithCertificates(file);
            } catch (RegistryException e) {
                for (String problem : e.problems()) {
                    out.println(file + ": " + problem.replaceFirst("^(line \\d+): ", "$1: error: "));
                }
                out.println(file + ": " + e.problems().size() + " error(s); not usable");
                out.flush();
                return 1;
            }
            List<RegistryReview.Finding> findings = RegistryReview.review(loaded.certificates(), trust.validator(), Instant.now(),
                    Duration.ofDays(warnDays));
            findings.forEach(finding -> out.println(file + ": " + finding));
            long errors = findings.stream().filter(finding -> finding.severity() == RegistryReview.Severity.ERROR).count();
            Map<String, Integer> roles = new TreeMap<>();
            for (Organisation organisation : loaded.registry().organisations()) {
                roles.merge(organisation.role().key(), 1, Integer::sum);
            }
            out.println(file + ": " + loaded.registry().organisations().size() + " organisations " + roles + ", "
                    + loaded.certificates().size() + " certificates; " + errors + " error(s), " + (findings.size() - errors) + " warning(s)"
                    + (trust.anchors == null ? " (no --trust: chains and revocation not checked)" : ""));
            out.flush();
            return errors == 0 ? 0 : 1;
        }
    }
}
