package org.c4tap.cli.demo;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.IntUnaryOperator;
import org.c4tap.cli.james.GatewayPorts;
import org.c4tap.cli.james.GatewayRole;
import org.c4tap.cli.james.GatewayWorkspace;
import org.c4tap.cli.james.Installation;
import org.c4tap.cli.james.JamesServer;
import org.c4tap.cli.mail.MailClient;
import org.c4tap.cli.pki.DemoPki;
import org.c4tap.core.scope.Scope;

/**
 * The demo's two real James servers, the operator gateway of "bank-a.example" and the council
 * gateway, configured from {@code config/}, with the demo PKI, the registry and every demo
 * mailbox. Used by {@code c4tap demo} and by the end-to-end tests.
 */
public final class DemoNetwork implements AutoCloseable {

    /** The password of every demo mailbox. */
    public static final String MAILBOX_PASSWORD = "c4tap-demo";
    private static final int INBOX_ATTEMPTS = 3;
    private static final Duration INBOX_READ_TIMEOUT = Duration.ofSeconds(30);

    private final DemoPki pki;
    private final Installation installation;
    private volatile JamesServer operator;
    private volatile JamesServer council;

    private DemoNetwork(DemoPki pki, Installation installation, JamesServer operator, JamesServer council) {
        this.pki = pki;
        this.installation = installation;
        this.operator = operator;
        this.council = council;
    }

    /**
     * How to start: where the operator relays to, whether the operator's ordinary outbound mail
     * goes to the council too (for a plain-relay baseline), and extra configuration edits for tests.
     */
    public record Options(IntUnaryOperator operatorRelayPort, boolean ordinaryMailToCouncil, List<Edit> operatorEdits,
                          List<Edit> councilEdits) {
        public static Options standard() {
            return new Options(port -> port, false, List.of(), List.of());
        }

        public Options relayingThrough(IntUnaryOperator relay) {
            return new Options(relay, ordinaryMailToCouncil, operatorEdits, councilEdits);
        }

        /** The operator relays its ordinary mail (not only sealed reports) to the council's SMTP port. */
        public Options withOrdinaryMailToCouncil() {
            return new Options(operatorRelayPort, true, operatorEdits, councilEdits);
        }

        /** The operator sends samples (the attachments themselves) to the council, which gives them to analysts. */
        public Options withSamples() {
            return withOperatorEdit("mailetcontainer.xml", "<samples>false</samples>", "<samples>true</samples>");
        }

        public Options withOperatorEdit(String file, String from, String to) {
            List<Edit> edits = new ArrayList<>(operatorEdits);
            edits.add(new Edit(file, from, to));
            return new Options(operatorRelayPort, ordinaryMailToCouncil, edits, councilEdits);
        }

        public Options withCouncilEdit(String file, String from, String to) {
            List<Edit> edits = new ArrayList<>(councilEdits);
            edits.add(new Edit(file, from, to));
            return new Options(operatorRelayPort, ordinaryMailToCouncil, operatorEdits, edits);
        }
    }

    /** An exact replacement in one configuration file. */
    public record Edit(String file, String from, String to) {
    }

    public static DemoNetwork start(Path work, Installation installation, Options options, Consumer<String> trace)
            throws IOException, GeneralSecurityException {
        installation.check();
        DemoPki pki = DemoPki.generate(work.resolve("pki"));
        trace.accept("[pki]      demo CA, " + DemoParties.ALL.size() + " S/MIME keys and the registry written to " + pki.directory());

        GatewayPorts operatorPorts = GatewayPorts.free();
        GatewayPorts councilPorts = GatewayPorts.free();
        GatewayWorkspace councilSpace = new GatewayWorkspace(GatewayRole.COUNCIL, work.resolve("council"))
                .listenOn(councilPorts, operatorPorts.smtp())
                .withFile(pki.keystore(DemoParties.COUNCIL))
                .withFile(pki.passwordFile())
                .withFile(pki.registry())
                .withFile(pki.caCertificate())
                .withFile(pki.crl());
        for (DemoParty party : DemoParties.ALL) {
            councilSpace.withFile(pki.certificate(party));
        }
        options.councilEdits().forEach(edit -> councilSpace.edit(edit.file(), edit.from(), edit.to()));
        GatewayWorkspace operatorSpace = new GatewayWorkspace(GatewayRole.OPERATOR, work.resolve("operator"))
                .listenOn(operatorPorts, options.operatorRelayPort().applyAsInt(councilPorts.smtp()))
                .withFile(pki.keystore(DemoParties.OPERATOR))
                .withFile(pki.certificate(DemoParties.COUNCIL))
                .withFile(pki.caCertificate())
                .withFile(pki.crl())
                .withFile(pki.passwordFile())
                .withFile(pseudonymSecret(work));
        if (options.ordinaryMailToCouncil()) {
            operatorSpace.edit("mailetcontainer.xml", "<outgoing>outgoing</outgoing>",
                    "<outgoing>outgoing</outgoing>\n                <gateway>127.0.0.1:" + councilPorts.smtp() + "</gateway>");
        }
        options.operatorEdits().forEach(edit -> operatorSpace.edit(edit.file(), edit.from(), edit.to()));

        CompletableFuture<JamesServer> councilStart = CompletableFuture.supplyAsync(() ->
                startServer("council", councilSpace, councilPorts, installation));
        CompletableFuture<JamesServer> operatorStart = CompletableFuture.supplyAsync(() ->
                startServer("operator", operatorSpace, operatorPorts, installation));
        JamesServer council;
        JamesServer operator;
        try {
            council = councilStart.join();
        } catch (CompletionException e) {
            operatorStart.thenAccept(JamesServer::close);
            throw unwrap(e);
        }
        try {
            operator = operatorStart.join();
        } catch (CompletionException e) {
            council.close();
            throw unwrap(e);
        }
        DemoNetwork network = new DemoNetwork(pki, installation, operator, council);
        try {
            trace.accept(describe(council, "council ", "council.example"));
            trace.accept(describe(operator, "operator", "bank-a.example"));
            network.provision();
        } catch (IOException | RuntimeException e) {
            network.close();
            throw e;
        }
        return network;
    }

    public DemoPki pki() {
        return pki;
    }

    public JamesServer operator() {
        return operator;
    }

    public JamesServer council() {
        return council;
    }

    /** The server a demo address's mailbox lives on. */
    public JamesServer serverOf(String address) {
        return address.toLowerCase(Locale.ROOT).endsWith("@" + DemoParties.OPERATOR_DOMAIN) ? operator : council;
    }

    /**
     * Every message in a demo mailbox, oldest first. James 3.8.1's IMAP server now and then leaves
     * a FETCH unanswered (seen in the fault tests after a burst of deliveries, with nothing in its log); such
     * a read is given up after 30 s and tried again, twice, and each stall has the server write a
     * thread dump beside its log ({@link JamesServer#dumpThreads()}) so that the cause can be looked for.
     */
    public List<byte[]> inbox(String address) throws Exception {
        JamesServer server = serverOf(address);
        MessagingException last = null;
        for (int attempt = 1; attempt <= INBOX_ATTEMPTS; attempt++) {
            long started = System.nanoTime();
            try {
                return MailClient.inbox(server.ports().imap(), address, MAILBOX_PASSWORD, INBOX_READ_TIMEOUT);
            } catch (MessagingException e) {
                last = e;
                // a refused connection (a server still starting) is no stall
                if (Duration.ofNanos(System.nanoTime() - started).compareTo(INBOX_READ_TIMEOUT) >= 0) {
                    Path dump = server.dumpThreads();
                    System.err.println("[imap]     " + address + ": a read unanswered for " + INBOX_READ_TIMEOUT.toSeconds()
                            + " s (attempt " + attempt + " of " + INBOX_ATTEMPTS + "); thread dump in " + dump);
                }
            }
        }
        throw last;
    }

    /** How many messages a demo mailbox holds, without fetching them: for waiting on a delivery. */
    public int inboxCount(String address) throws MessagingException {
        JamesServer server = serverOf(address);
        return MailClient.count(server.ports().imap(), address, MAILBOX_PASSWORD, INBOX_READ_TIMEOUT);
    }

    /** Every demo mailbox, on both servers. */
    public List<String> mailboxes() {
        List<String> addresses = new ArrayList<>(List.of(DemoParties.EMPLOYEE, DemoParties.REPORT_ADDRESS,
                "postmaster@" + DemoParties.OPERATOR_DOMAIN, DemoParties.GATEWAY_ADDRESS,
                DemoParties.INTAKE_ADDRESS, DemoParties.SAMPLES_ADDRESS, DemoParties.COUNCIL_NOTICE_ADDRESS, "postmaster@" + DemoParties.COUNCIL_DOMAIN));
        for (DemoParty party : DemoParties.ORGANISATIONS) {
            addresses.add(party.noticeAddress());
        }
        return addresses;
    }

    /**
     * Stops a gateway (a normal shutdown) and starts it again in the same folder on the same
     * ports. The memory server keeps nothing across a restart: mailboxes are created again, empty.
     */
    public JamesServer restart(JamesServer server) throws IOException {
        boolean isCouncil = server == council;
        server.close();
        JamesServer started = JamesServer.start(server.name(), server.workingDirectory(), server.ports(), installation, List.of());
        if (isCouncil) {
            council = started;
        } else {
            operator = started;
        }
        provision(started);
        return started;
    }

    private void provision() throws IOException {
        provision(operator);
        provision(council);
    }

    /** The demo mailboxes that live on {@code target}, and on the operator the report address's sub-address aliases. */
    private void provision(JamesServer target) throws IOException {
        for (String address : mailboxes()) {
            if (serverOf(address) != target) {
                continue;
            }
            String domain = address.substring(address.indexOf('@') + 1);
            if (!domain.equals(DemoParties.OPERATOR_DOMAIN) && !domain.equals(DemoParties.COUNCIL_DOMAIN)) {
                target.webAdmin().addDomain(domain);
            }
            target.webAdmin().addUser(address, MAILBOX_PASSWORD);
        }
        if (target == operator) {
            for (Scope scope : Scope.values()) {
                String local = DemoParties.REPORT_ADDRESS.substring(0, DemoParties.REPORT_ADDRESS.indexOf('@'));
                operator.webAdmin().addAlias(DemoParties.REPORT_ADDRESS,
                        local + "+" + scope.label().toLowerCase(Locale.ROOT) + "@" + DemoParties.OPERATOR_DOMAIN);
            }
        }
    }

    /** 32 random bytes: the operator's secret for stable pseudonyms of internal addresses. */
    private static Path pseudonymSecret(Path work) throws IOException {
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        Path file = work.resolve("pseudonym-secret");
        Files.write(file, secret);
        return file;
    }

    private static JamesServer startServer(String name, GatewayWorkspace workspace, GatewayPorts ports, Installation installation) {
        try {
            Path directory = workspace.prepare(installation);
            return JamesServer.start(name, directory, ports, installation, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static IOException unwrap(CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UncheckedIOException unchecked) {
            return unchecked.getCause();
        }
        return new IOException(cause);
    }

    private static String describe(JamesServer server, String label, String domain) {
        return String.format("[%s] James 3.8.1 up for %s in %.1f s: SMTP 127.0.0.1:%d, IMAP 127.0.0.1:%d (work: %s)",
                label, domain, server.startTime().toMillis() / 1000.0, server.ports().smtp(), server.ports().imap(),
                server.workingDirectory());
    }

    /** Writes nothing; the servers' own folders stay for inspection. */
    @Override
    public void close() {
        CompletableFuture<Void> a = CompletableFuture.runAsync(operator::close);
        CompletableFuture<Void> b = CompletableFuture.runAsync(council::close);
        a.join();
        b.join();
    }

}
