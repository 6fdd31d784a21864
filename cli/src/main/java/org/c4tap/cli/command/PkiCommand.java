package org.c4tap.cli.command;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.c4tap.cli.pki.DemoPki;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code c4tap pki …}: certificates for the demo and for tests. */
@Command(name = "pki", mixinStandardHelpOptions = true, description = "Demo PKI tools.",
        subcommands = {PkiCommand.Demo.class})
public final class PkiCommand {

    /** {@code c4tap pki demo --out DIR}. */
    @Command(name = "demo", mixinStandardHelpOptions = true,
            description = {"Write a demo CA, a PKCS#12 key store and a PEM certificate for every demo party, and registry.yaml.",
                    "Every key store's password is '" + DemoPki.PASSWORD + "', also written to DIR/" + DemoPki.PASSWORD_FILE + ".",
                    "Demo keys protect nothing: never use them for real reports."})
    static final class Demo implements Callable<Integer> {

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "the folder to write into")
        Path out;

        @Override
        public Integer call() throws Exception {
            DemoPki pki = DemoPki.generate(out);
            System.out.println("demo PKI written to " + pki.directory().toAbsolutePath());
            System.out.println("  CA certificate:  " + pki.caCertificate().getFileName());
            System.out.println("  key stores:      <party>.p12 (password in " + DemoPki.PASSWORD_FILE + ")");
            System.out.println("  certificates:    <party>.pem");
            System.out.println("  registry:        " + DemoPki.REGISTRY_FILE);
            return 0;
        }
    }
}
