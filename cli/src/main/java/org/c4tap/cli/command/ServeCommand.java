package org.c4tap.cli.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.c4tap.cli.james.GatewayPorts;
import org.c4tap.cli.james.GatewayRole;
import org.c4tap.cli.james.GatewayWorkspace;
import org.c4tap.cli.james.Installation;
import org.c4tap.cli.james.JamesServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code c4tap serve --role operator|council --config DIR}: one gateway in the foreground. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run one gateway on the bundled Apache James 3.8.1 memory server, in the foreground (Ctrl-C stops it).",
                "Its conf/ is config/common, then config/<role>, then the files of --config on top (your mailetcontainer.xml,",
                "and a c4tap/ folder with key store, certificates, password file and registry)."})
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "operator or council")
    String role;

    @Option(names = "--config", required = true, paramLabel = "DIR", description = "configuration overlaid on the shipped samples")
    Path config;

    @Option(names = "--work", paramLabel = "DIR", description = "James's working directory (default: a new temporary folder)")
    Path work;

    @Option(names = "--smtp-port", defaultValue = "2525", description = "SMTP port on 127.0.0.1 (default: ${DEFAULT-VALUE})")
    int smtpPort;

    @Option(names = "--imap-port", defaultValue = "1143", description = "IMAP port on 127.0.0.1 (default: ${DEFAULT-VALUE})")
    int imapPort;

    @Option(names = "--webadmin-port", defaultValue = "8000", description = "WebAdmin port on 127.0.0.1 (default: ${DEFAULT-VALUE})")
    int webAdminPort;

    @Option(names = "--relay-port", defaultValue = "25", description = "where RemoteDelivery relays to, on 127.0.0.1 (default: ${DEFAULT-VALUE})")
    int relayPort;

    @Override
    public Integer call() throws Exception {
        GatewayRole gatewayRole = GatewayRole.parse(role);
        Installation installation = Installation.locate();
        installation.check();
        Path folder = work != null ? Files.createDirectories(work) : Files.createTempDirectory("c4tap-" + gatewayRole.key() + "-");
        GatewayPorts ports = new GatewayPorts(smtpPort, imapPort, webAdminPort);
        Path directory = new GatewayWorkspace(gatewayRole, folder).listenOn(ports, relayPort).prepare(installation);
        overlay(config, directory.resolve("conf"));
        JamesServer server = JamesServer.start(gatewayRole.key(), directory, ports, installation, List.of());
        System.out.println(gatewayRole.key() + " gateway up: SMTP 127.0.0.1:" + smtpPort + ", IMAP 127.0.0.1:" + imapPort
                + ", WebAdmin 127.0.0.1:" + webAdminPort + " (log: " + server.log() + ")");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        while (server.isAlive()) {
            Thread.sleep(1000);
        }
        System.err.println("James stopped; see " + server.log());
        return 1;
    }

    private static void overlay(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
