package org.c4tap.it.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.c4tap.cli.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code c4tap seal} in every sealing profile, as an administrator runs it on the demo PKI, and
 * each sealed message opened twice: by OpenSSL ({@code cms -decrypt}, then {@code cms -verify}
 * against the demo CA) and by {@code c4tap open}, which must print the same report.
 */
class CommandProfilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBMISSION = "From: taro@bank-a.example\r\nTo: report+green@bank-a.example\r\nSubject: FW: invoice\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee below\r\n"
            + "--b\r\nContent-Type: message/rfc822\r\n\r\nFrom: billing@evil.example\r\nTo: taro@bank-a.example\r\nSubject: invoice\r\n"
            + "Date: Thu, 26 Nov 2026 10:00:00 +0900\r\nMessage-ID: <1@evil.example>\r\n\r\nplease log in at http://evil.example/login\r\n"
            + "--b--\r\n";
    /** The demo's RSA parties, and its one EC P-256 party. */
    private static final String RSA_SIGNER = "operator";
    private static final String RSA_RECIPIENT = "council";
    private static final String EC_PARTY = "observer-pending";

    @TempDir
    static Path directory;

    private static Path pki;
    private static Path submission;

    /** A sealing profile as the command's options give it, with the signer's and the recipient's demo key. */
    record Profile(String signer, String recipient, String encryption, String keyTransport, String signature) {
        @Override
        public String toString() {
            return signer + " to " + recipient + ", " + encryption + ", " + keyTransport + ", " + signature;
        }
    }

    static Stream<Profile> profiles() {
        List<Profile> profiles = new ArrayList<>();
        for (String encryption : List.of("aes-256-gcm", "aes-256-cbc")) {
            for (String transport : List.of("oaep-sha256", "pkcs1-v1_5")) {
                for (String signature : List.of("pkcs1-v1_5", "pss")) {
                    profiles.add(new Profile(RSA_SIGNER, RSA_RECIPIENT, encryption, transport, signature));
                }
            }
            profiles.add(new Profile(EC_PARTY, RSA_RECIPIENT, encryption, "oaep-sha256", "pkcs1-v1_5"));
            profiles.add(new Profile(RSA_SIGNER, EC_PARTY, encryption, "oaep-sha256", "pkcs1-v1_5"));
        }
        return profiles.stream();
    }

    @BeforeAll
    static void demoPki() throws Exception {
        Tool.require("openssl", "version", "openssl");
        pki = directory.resolve("pki");
        Run demo = run("pki", "demo", "--out", pki.toString());
        assertThat(demo.status()).as(demo.err()).isZero();
        submission = Files.writeString(directory.resolve("submission.eml"), SUBMISSION);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void whatTheCommandSealsOpenSslAndTheCommandOpen(Profile profile) throws Exception {
        Path folder = Files.createDirectories(directory.resolve(profile.toString().replaceAll("[^a-z0-9]+", "-")));
        Path sealed = folder.resolve("sealed.eml");
        Run seal = run("seal", submission.toString(), "--sign", pki(profile.signer() + ".p12"), "--to", pki(profile.recipient() + ".pem"),
                "--encryption", profile.encryption(), "--rsa-key-transport", profile.keyTransport(),
                "--rsa-signature", profile.signature(), "--out", sealed.toString());
        assertThat(seal.status()).as(seal.err()).isZero();

        Tool.Result key = Tool.run(folder, Map.of(), null, "openssl", "pkcs12", "-in", pki(profile.recipient() + ".p12"), "-nocerts",
                "-nodes", "-passin", "file:" + pki("keystore-password"), "-out", "recipient.key");
        assertThat(key.status()).as(key.describe()).isZero();
        Tool.Result decrypted = Tool.run(folder, Map.of(), null, "openssl", "cms", "-decrypt", "-in", "sealed.eml",
                "-recip", pki(profile.recipient() + ".pem"), "-inkey", "recipient.key", "-out", "signed.eml");
        assertThat(decrypted.status()).as(decrypted.describe()).isZero();
        Tool.Result verified = Tool.run(folder, Map.of(), null, "openssl", "cms", "-verify", "-in", "signed.eml",
                "-CAfile", pki("ca.pem"), "-out", "content.eml");
        assertThat(verified.status()).as(verified.describe()).isZero();
        assertThat(Files.readString(folder.resolve("content.eml"))).contains("c4tap-report.json");

        Run open = run("open", sealed.toString(), "--key", pki(profile.recipient() + ".p12"), "--trust", pki("ca.pem"),
                "--crl", pki("ca.crl"), "--minimum-encryption", "aes-256-cbc");
        assertThat(open.status()).as(open.err()).isZero();
        JsonNode report = JSON.readTree(open.out());
        assertThat(report.at("/message/subject").asText()).isEqualTo("invoice");
        assertThat(open.err()).contains("encryption: " + profile.encryption().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... arguments) {
        CommandLine commandLine = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int status = commandLine.execute(arguments);
        return new Run(status, out.toString(), err.toString());
    }

    private static String pki(String file) {
        return pki.resolve(file).toString();
    }
}
