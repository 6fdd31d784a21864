package org.c4tap.core.trust;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.c4tap.core.pki.CertificateAuthority;
import org.c4tap.core.pki.IssueOptions;
import org.c4tap.core.pki.KeyType;
import org.c4tap.core.pki.Validity;
import org.c4tap.core.smime.Certificates;
import org.c4tap.core.trust.CertificateRejection.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code ocsp} on, the end entity's responder decides, and a question it leaves unanswered
 * refuses the certificate. The responder's answers are OpenSSL's ({@code openssl ocsp} over its
 * index file, one request at a time), served on loopback at the URL the certificates name; the
 * client is the JDK's, as in the gateway.
 */
class OcspTest {

    private static final String SENDER = "gateway@bank-a.example";
    private static final DateTimeFormatter INDEX_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    @TempDir
    Path directory;

    private HttpServer responder;
    private final AtomicInteger questions = new AtomicInteger();
    private volatile boolean answering = true;
    private CertificateAuthority ca;
    private CertificateAuthority.Issued good;
    private CertificateAuthority.Issued revoked;
    private CertificateAuthority.Issued unknownToResponder;

    @BeforeEach
    void setUp() throws Exception {
        responder = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        responder.createContext("/", this::answer);
        responder.start();
        String url = "http://127.0.0.1:" + responder.getAddress().getPort() + "/";

        ca = CertificateAuthority.create("OCSP Test CA", KeyType.EC_P256, Validity.fromNow(Duration.ofDays(30)));
        IssueOptions options = IssueOptions.of(KeyType.EC_P256, Duration.ofDays(10)).withOcspResponder(url);
        good = ca.issue("Bank A Gateway", "Bank A", List.of(SENDER), options);
        revoked = ca.issue("Bank A Gateway (old)", "Bank A", List.of(SENDER), options);
        unknownToResponder = ca.issue("Bank A Gateway (unlisted)", "Bank A", List.of(SENDER), options);

        Files.writeString(directory.resolve("ca.pem"), Certificates.pem(ca.certificate()), US_ASCII);
        Files.writeString(directory.resolve("ca.key"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(ca.credential().key().getEncoded())
                + "\n-----END PRIVATE KEY-----\n", US_ASCII);
        String revokedAt = INDEX_TIME.format(java.time.Instant.now().minus(Duration.ofHours(1)));
        Files.writeString(directory.resolve("index.txt"),
                entry("V", good.certificate(), "") + entry("R", revoked.certificate(), revokedAt), US_ASCII);
    }

    @AfterEach
    void tearDown() {
        responder.stop(0);
    }

    @Test
    void aCertificateTheResponderCallsGoodIsAccepted() throws Exception {
        assertThat(validator(true).validateSigner(good.certificate(), List.of(), SENDER).path()).hasSize(2);
        assertThat(questions).hasValue(1);
    }

    @Test
    void aCertificateTheResponderCallsRevokedIsRefusedThoughNoCrlSaysSo() throws Exception {
        CertificateRejection rejection = signerRefusal(validator(true), revoked);

        assertThat(rejection.reason()).isEqualTo(Reason.REVOKED);
        assertThat(rejection.getMessage()).contains("revoked according to OCSP");
    }

    @Test
    void aCertificateTheResponderDoesNotKnowIsRefused() throws Exception {
        CertificateRejection rejection = catchThrowableOfType(CertificateRejection.class,
                () -> validator(true).validateRecipient(unknownToResponder.certificate()));

        assertThat(rejection.reason()).isEqualTo(Reason.REVOCATION_UNKNOWN);
    }

    @Test
    void aResponderThatDoesNotAnswerRefusesTheCertificate() throws Exception {
        answering = false;

        assertThat(signerRefusal(validator(true), good).reason()).isEqualTo(Reason.REVOCATION_UNKNOWN);
    }

    @Test
    void withOcspOffTheResponderIsNeverAsked() throws Exception {
        assertThat(validator(false).validateSigner(revoked.certificate(), List.of(), SENDER).path()).hasSize(2);
        assertThat(questions).hasValue(0);
    }

    @Test
    void theGatewaysTrustFilesCarryTheSetting() throws Exception {
        Path anchors = directory.resolve("ca.pem");
        TrustFiles on = TrustFiles.open(anchors, List.of(), TrustSettings.ExpiredCrlPolicy.REJECT, true);
        TrustFiles off = TrustFiles.open(anchors, List.of(), TrustSettings.ExpiredCrlPolicy.REJECT);

        assertThat(signerRefusal(on.get(), revoked).reason()).isEqualTo(Reason.REVOKED);
        assertThat(off.get().settings().ocsp()).isFalse();
    }

    private static CertificateRejection signerRefusal(CertificateValidator validator, CertificateAuthority.Issued signer) {
        return catchThrowableOfType(CertificateRejection.class, () -> validator.validateSigner(signer.certificate(), List.of(), SENDER));
    }

    private CertificateValidator validator(boolean ocsp) {
        return new CertificateValidator(TrustSettings.anchoredAt(List.of(ca.certificate())).withOcsp(ocsp));
    }

    /** The JDK asks by GET (the request base64 in the path) when it is short, else by POST. */
    private void answer(HttpExchange exchange) throws IOException {
        questions.incrementAndGet();
        try (exchange) {
            if (!answering) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            byte[] request = exchange.getRequestMethod().equals("POST")
                    ? exchange.getRequestBody().readAllBytes()
                    : Base64.getDecoder().decode(URLDecoder.decode(exchange.getRequestURI().getRawPath().substring(1), StandardCharsets.US_ASCII));
            byte[] response = openssl(request);
            exchange.getResponseHeaders().add("Content-Type", "application/ocsp-response");
            exchange.sendResponseHeaders(200, response.length);
            exchange.getResponseBody().write(response);
        }
    }

    private synchronized byte[] openssl(byte[] request) throws IOException {
        Path in = Files.write(directory.resolve("request.der"), request);
        Path out = directory.resolve("response.der");
        Files.deleteIfExists(out);
        Process process = new ProcessBuilder("openssl", "ocsp", "-index", directory.resolve("index.txt").toString(),
                "-CA", directory.resolve("ca.pem").toString(), "-rsigner", directory.resolve("ca.pem").toString(),
                "-rkey", directory.resolve("ca.key").toString(), "-reqin", in.toString(), "-respout", out.toString(), "-ndays", "1")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("openssl ocsp failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return Files.readAllBytes(out);
    }

    /** One line of OpenSSL's CA index: status, expiry, revocation time, serial, file, subject. */
    private static String entry(String status, X509Certificate certificate, String revokedAt) {
        BigInteger serial = certificate.getSerialNumber();
        String hex = serial.toString(16).toUpperCase(Locale.ROOT);
        return String.join("\t", status, INDEX_TIME.format(certificate.getNotAfter().toInstant()), revokedAt,
                hex.length() % 2 == 0 ? hex : "0" + hex, "unknown", "/" + certificate.getSubjectX500Principal().getName().replace(',', '/'))
                + "\n";
    }
}
