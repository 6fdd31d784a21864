package org.c4tap.cli.command;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.c4tap.cli.pki.CertificateDescription;
import org.c4tap.cli.demo.DemoParty;
import org.c4tap.cli.pki.DemoPki;
import org.c4tap.core.pki.CertificateAuthority;
import org.c4tap.core.smime.Certificates;
import org.c4tap.core.smime.Credential;
import org.c4tap.core.smime.KeyStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code c4tap pki …}: certificates for the demo and for tests. */
@Command(name = "pki", mixinStandardHelpOptions = true, description = "Demo PKI tools.",
        subcommands = {PkiCommand.Demo.class, PkiCommand.Inspect.class, PkiCommand.Revoke.class})
public final class PkiCommand {

    /** {@code c4tap pki demo --out DIR}. */
    @Command(name = "demo", mixinStandardHelpOptions = true,
            description = {"Write a demo CA (certificate, key store and CRL), a PKCS#12 key store and a PEM certificate for every demo party, and registry.yaml.",
                    "Every key store's password is '" + DemoPki.PASSWORD + "', also written to DIR/" + DemoPki.PASSWORD_FILE + ".",
                    "Demo keys protect nothing: never use them for real reports."})
    static final class Demo implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "the folder to write into")
        Path out;

        @Override
        public Integer call() throws Exception {
            DemoPki pki = DemoPki.generate(out);
            PrintWriter print = spec.commandLine().getOut();
            print.println("demo PKI written to " + pki.directory().toAbsolutePath());
            print.println("  CA certificate:  " + pki.caCertificate().getFileName());
            print.println("  CA key store:    " + pki.caKeystore().getFileName() + " (for `c4tap pki revoke`)");
            print.println("  CRL:             " + pki.crl().getFileName());
            print.println("  key stores:      <party>.p12 (password in " + DemoPki.PASSWORD_FILE + ")");
            print.println("  certificates:    <party>.pem");
            print.println("  EC P-256 keys:   " + DemoPki.EC_PARTIES.stream().map(DemoParty::name).sorted()
                    .collect(Collectors.joining(", ")) + " (the others RSA 2048)");
            print.println("  registry:        " + DemoPki.REGISTRY_FILE);
            return 0;
        }
    }

    /** {@code c4tap pki inspect FILE}. */
    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = {"Show the certificates of a PEM or DER file, or the key's certificate and chain in a PKCS#12 key store (.p12, .pfx).",
                    "A key store's password comes from --password-file, else $" + Passwords.ENVIRONMENT + ", else "
                            + DemoPki.PASSWORD_FILE + " beside it; never from the command line."})
    static final class Inspect implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "a certificate (PEM or DER) or a PKCS#12 key store")
        Path file;

        @Option(names = "--password-file", paramLabel = "FILE",
                description = "the key store password (else $C4TAP_KEYSTORE_PASSWORD, else keystore-password beside the key store)")
        Path passwordFile;

        @Override
        public Integer call() throws Exception {
            PrintWriter print = spec.commandLine().getOut();
            Instant now = Instant.now();
            List<X509Certificate> certificates = isKeystore(file) ? keyChain() : Certificates.read(file);
            for (int i = 0; i < certificates.size(); i++) {
                if (i > 0) {
                    print.println();
                }
                if (certificates.size() > 1) {
                    print.println("# certificate " + (i + 1) + " of " + certificates.size());
                }
                print.print(CertificateDescription.of(certificates.get(i), now));
            }
            print.flush();
            return 0;
        }

        private List<X509Certificate> keyChain() throws Exception {
            char[] password = Passwords.forKeystore(file, passwordFile);
            try {
                Credential credential = KeyStores.load(file, password, null);
                return credential.chain();
            } finally {
                Arrays.fill(password, '\0');
            }
        }

        private static boolean isKeystore(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            return name.endsWith(".p12") || name.endsWith(".pfx");
        }
    }

    /** {@code c4tap pki revoke --ca-dir DIR CERT.pem}. */
    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = {"Revoke a certificate issued by the demo CA in DIR: add it to the CRL and rewrite DIR/" + DemoPki.CRL_FILE
                    + " with the next CRL number.",
                    "The password of DIR/" + DemoPki.CA_KEYSTORE_FILE + " comes from --password-file, else $" + Passwords.ENVIRONMENT
                            + ", else DIR/" + DemoPki.PASSWORD_FILE + "."})
    static final class Revoke implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--ca-dir", required = true, paramLabel = "DIR", description = "the folder `c4tap pki demo` wrote")
        Path caDirectory;

        @Option(names = "--password-file", paramLabel = "FILE", description = "the CA key store's password")
        Path passwordFile;

        @Parameters(index = "0", paramLabel = "CERT.pem", description = "the certificate to revoke (PEM or DER)")
        Path certificateFile;

        @Override
        public Integer call() throws Exception {
            X509Certificate certificate = Certificates.read(certificateFile).get(0);
            DemoPki pki = DemoPki.at(caDirectory);
            char[] password = Passwords.forKeystore(pki.caKeystore(), passwordFile);
            DemoPki.Revoked revoked;
            try {
                revoked = pki.revoke(certificate, password, Instant.now());
            } catch (IllegalArgumentException notOurs) {
                spec.commandLine().getErr().println("refused: " + notOurs.getMessage());
                return 1;
            } finally {
                Arrays.fill(password, '\0');
            }
            PrintWriter print = spec.commandLine().getOut();
            print.println((revoked.added() ? "revoked " : "already revoked: ") + Certificates.describe(certificate));
            BigInteger number = CertificateAuthority.crlNumber(revoked.crl()).orElseThrow();
            int listed = revoked.crl().getRevokedCertificates() == null ? 0 : revoked.crl().getRevokedCertificates().size();
            print.println(pki.crl() + ": CRL number " + number + ", " + listed + (listed == 1 ? " revoked certificate" : " revoked certificates")
                    + ", next update " + revoked.crl().getNextUpdate().toInstant());
            print.flush();
            return 0;
        }
    }
}
