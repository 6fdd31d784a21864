package org.c4tap.cli.james;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Prepares a James working directory for one gateway from the shipped configuration
 * ({@code config/common} then {@code config/<role>}), the deployable extension jars and the
 * gateway's keys and certificates ({@code conf/c4tap/}). Only the values that differ on a test
 * machine are changed (loopback ports, the relay gateway), each by an exact, checked replacement,
 * so what runs is the documented configuration.
 */
public final class GatewayWorkspace {

    private final GatewayRole role;
    private final Path directory;
    private final Map<String, List<String[]>> edits = new LinkedHashMap<>();
    private final List<Path> c4tapFiles = new ArrayList<>();

    public GatewayWorkspace(GatewayRole role, Path directory) {
        this.role = role;
        this.directory = directory;
    }

    /** The ports to listen on, and where RemoteDelivery relays to. */
    public GatewayWorkspace listenOn(GatewayPorts ports, int relayPort) {
        edit("smtpserver.xml", "<bind>0.0.0.0:25</bind>", "<bind>127.0.0.1:" + ports.smtp() + "</bind>");
        edit("imapserver.xml", "<bind>0.0.0.0:143</bind>", "<bind>127.0.0.1:" + ports.imap() + "</bind>");
        edit("webadmin.properties", "port=8000", "port=" + ports.webAdmin());
        String gateway = role == GatewayRole.OPERATOR ? "council-gateway.example:25" : "smarthost.council.example:25";
        edit("mailetcontainer.xml", "<gateway>" + gateway + "</gateway>", "<gateway>127.0.0.1:" + relayPort + "</gateway>");
        return this;
    }

    /** Replaces {@code from}, which must occur exactly once, in a configuration file. */
    public GatewayWorkspace edit(String file, String from, String to) {
        edits.computeIfAbsent(file, ignored -> new ArrayList<>()).add(new String[] {from, to});
        return this;
    }

    /** A file to place in {@code conf/c4tap/}: a key store, a certificate, the registry… */
    public GatewayWorkspace withFile(Path file) {
        c4tapFiles.add(file);
        return this;
    }

    public Path prepare(Installation installation) throws IOException {
        Path conf = directory.resolve("conf");
        Files.createDirectories(conf.resolve("c4tap"));
        copyContents(installation.configuration().resolve("common"), conf);
        copyContents(installation.configuration().resolve(role.key()), conf);
        Path extensions = Files.createDirectories(directory.resolve("extensions-jars"));
        copyContents(installation.james38Extensions(), extensions);
        for (Path file : c4tapFiles) {
            Files.copy(file, conf.resolve("c4tap").resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        for (Map.Entry<String, List<String[]>> entry : edits.entrySet()) {
            Path file = conf.resolve(entry.getKey());
            String text = Files.readString(file, StandardCharsets.UTF_8);
            for (String[] edit : entry.getValue()) {
                int first = text.indexOf(edit[0]);
                if (first < 0 || text.indexOf(edit[0], first + 1) >= 0) {
                    throw new IOException(file + ": expected exactly one '" + edit[0] + "' to replace");
                }
                text = text.replace(edit[0], edit[1]);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
        return directory;
    }

    private static void copyContents(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (!file.getFileName().toString().equals("README.md")) {
                    Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
