package org.c4tap.it.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * gpgsm in a GnuPG home of its own, made in a temporary folder and removed with its agents by
 * {@link #close()}: the user's ~/.gnupg is never read or written. The agent accepts passphrases
 * from gpgsm (loopback pinentry), so nothing ever prompts; dirmngr never goes to the network and
 * knows only the CRLs loaded into it.
 */
final class Gpgsm implements AutoCloseable {

    private static final Pattern VERSION = Pattern.compile("gpgsm \\(GnuPG\\) (\\d+)\\.(\\d+)\\.(\\d+)");

    private final Path home;
    private final Map<String, String> environment;

    private Gpgsm(Path home) {
        this.home = home;
        this.environment = Map.of("GNUPGHOME", home.toString(), "LC_ALL", "C", "LANGUAGE", "C");
    }

    static Gpgsm create() throws IOException {
        // under /tmp, not under the build folder: the agent's socket path must stay short
        Path home = Files.createTempDirectory("c4tap-gnupg-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(home.resolve("gpg-agent.conf"), "allow-loopback-pinentry\n", StandardCharsets.US_ASCII);
        Files.writeString(home.resolve("dirmngr.conf"), "disable-http\ndisable-ldap\n", StandardCharsets.US_ASCII);
        return new Gpgsm(home);
    }

    Path home() {
        return home;
    }

    /** gpgsm's version, e.g. {@code [2, 2, 40]}. */
    static int[] version() throws IOException, InterruptedException {
        String line = Tool.version("gpgsm", "--version");
        Matcher matcher = VERSION.matcher(line);
        if (!matcher.find()) {
            throw new AssertionError("cannot read gpgsm's version from: " + line);
        }
        return new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3))};
    }

    /** Runs gpgsm in batch mode with {@code stdin} (or nothing) on its standard input, status lines on standard output. */
    Tool.Result run(Path directory, byte[] stdin, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("gpgsm", "--batch", "--status-fd", "1"));
        command.addAll(List.of(arguments));
        return Tool.run(directory, environment, stdin, command.toArray(String[]::new));
    }

    /** Runs gpgsm with {@code passphrase} given through the loopback pinentry, from standard input. */
    Tool.Result withPassphrase(Path directory, String passphrase, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("--pinentry-mode", "loopback", "--passphrase-fd", "0"));
        command.addAll(List.of(arguments));
        return run(directory, passphrase.getBytes(StandardCharsets.UTF_8), command.toArray(String[]::new));
    }

    /**
     * Makes {@code ca} a trusted root: gpg-agent's trustlist.txt names roots by the SHA-1
     * fingerprint of their certificate, colon-separated, with the flag S (S/MIME).
     */
    void trust(X509Certificate ca) throws IOException {
        Files.writeString(home.resolve("trustlist.txt"), colonFingerprint(ca) + " S\n", StandardCharsets.US_ASCII);
    }

    /** The SHA-1 fingerprint as GnuPG prints it in status lines: upper-case hex without separators. */
    static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String colonFingerprint(X509Certificate certificate) {
        return String.join(":", fingerprint(certificate).split("(?<=\\G..)"));
    }

    /** The status lines of a run with the given keyword, e.g. {@code VALIDSIG}, split into fields after the keyword. */
    static List<List<String>> status(Tool.Result result, String keyword) {
        List<List<String>> lines = new ArrayList<>();
        for (String line : result.out().lines().toList()) {
            List<String> fields = List.of(line.split(" "));
            if (fields.size() >= 2 && fields.get(0).equals("[GNUPG:]") && fields.get(1).equals(keyword)) {
                lines.add(fields.subList(2, fields.size()));
            }
        }
        return lines;
    }

    /** Stops this home's agent and dirmngr and deletes the home. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            Tool.run(home, environment, null, "gpgconf", "--kill", "all");
        } finally {
            try (Stream<Path> files = Files.walk(home)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
