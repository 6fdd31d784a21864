package org.c4tap.core.spam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.c4tap.core.report.SpamAnalysis;
import org.c4tap.core.report.SpamAnalysis.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpamdClientTest {

    private static final byte[] MESSAGE = "From: a@example.com\r\nSubject: hello\r\n\r\nHello.\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final String GTUBE_ANSWER = "SPAMD/1.1 0 EX_OK\r\nContent-length: 68\r\nSpam: True ; 1003.3 / 5.0\r\n\r\n"
            + "GTUBE,MISSING_DATE,MISSING_MID,NO_RECEIVED,NO_RELAYS,TVD_SPACE_RATIO";
    // Generous: the bounds say "does not hang", they are not benchmarks.
    private static final Duration SLACK = Duration.ofSeconds(2);

    @Test
    void aSpamAnswerGivesVerdictScoreThresholdAndRules() throws Exception {
        try (FakeSpamd spamd = FakeSpamd.answering(GTUBE_ANSWER)) {
            SpamCheck check = new SpamdClient(spamd.settings()).check(MESSAGE);

            assertThat(check.analysis()).isEqualTo(new SpamAnalysis(Status.SPAM, 1003.3, 5.0,
                    List.of("GTUBE", "MISSING_DATE", "MISSING_MID", "NO_RECEIVED", "NO_RELAYS", "TVD_SPACE_RATIO")));
            assertThat(check.reason()).isEqualTo(SpamCheck.CHECKED);
            assertThat(spamd.requests()).singleElement().satisfies(request -> assertThat(new String(request, StandardCharsets.US_ASCII))
                    .isEqualTo("SYMBOLS SPAMC/1.5\r\nContent-length: " + MESSAGE.length + "\r\n\r\n"
                            + new String(MESSAGE, StandardCharsets.US_ASCII)));
        }
    }

    @Test
    void aHamAnswerHasItsRulesTrimmed() throws Exception {
        String body = " MISSING_DATE ,NO_RECEIVED,, NO_RELAYS\r\n";
        try (FakeSpamd spamd = FakeSpamd.answering(
                "SPAMD/1.1 0 EX_OK\r\nContent-length: " + body.length() + "\r\nSpam: False ; -0.1 / 5.0\r\n\r\n" + body)) {
            SpamCheck check = new SpamdClient(spamd.settings()).check(MESSAGE);

            assertThat(check.analysis()).isEqualTo(new SpamAnalysis(Status.HAM, -0.1, 5.0, List.of("MISSING_DATE", "NO_RECEIVED", "NO_RELAYS")));
            assertThat(check.reason()).isEqualTo(SpamCheck.CHECKED);
        }
    }

    @Test
    void anAnswerWithoutRulesHasAnEmptyList() throws Exception {
        try (FakeSpamd spamd = FakeSpamd.answering("SPAMD/1.1 0 EX_OK\r\nContent-length: 0\r\nSpam: False ; 0.0 / 5.0\r\n\r\n")) {
            assertThat(new SpamdClient(spamd.settings()).check(MESSAGE).analysis())
                    .isEqualTo(new SpamAnalysis(Status.HAM, 0.0, 5.0, List.of()));
        }
    }

    @ParameterizedTest
    @CsvSource({"True, SPAM", "False, HAM", "Yes, SPAM", "No, HAM", "true, SPAM", "FALSE, HAM"})
    void theSpamFlagDecides(String flag, Status status) throws Exception {
        try (FakeSpamd spamd = FakeSpamd.answering("SPAMD/1.1 0 EX_OK\r\nContent-length: 5\r\nSpam: " + flag + " ; 4.5 / 5.0\r\n\r\nRULE1")) {
            assertThat(new SpamdClient(spamd.settings()).check(MESSAGE).analysis())
                    .isEqualTo(new SpamAnalysis(status, 4.5, 5.0, List.of("RULE1")));
        }
    }

    @Test
    void figuresAreReadTheSameInEveryLocale() throws Exception {
        Locale saved = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try (FakeSpamd spamd = FakeSpamd.answering("SPAMD/1.1 0 EX_OK\r\nContent-length: 0\r\nSpam: True ; 5.9 / 5.0\r\n\r\n")) {
            assertThat(new SpamdClient(spamd.settings()).check(MESSAGE).analysis())
                    .isEqualTo(new SpamAnalysis(Status.SPAM, 5.9, 5.0, List.of()));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void nothingListeningIsUnavailable() throws IOException {
        SpamdSettings settings = SpamdSettings.DEFAULTS.withEndpoint("127.0.0.1", unusedPort());

        SpamCheck check = new SpamdClient(settings).check(MESSAGE);

        assertThat(check.analysis()).isEqualTo(SpamAnalysis.unavailable());
        assertThat(check.reason()).isEqualTo("connection refused");
        assertThat(check.took()).isLessThan(settings.connectTimeout().plus(SLACK));
    }

    @Test
    void aServerThatTakesNoConnectionsIsUnavailableAfterTheConnectTimeout() throws Exception {
        // Once a listener's backlog is full, Linux drops further SYNs and connecting hangs.
        List<Socket> queued = new ArrayList<>();
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            try {
                for (int i = 0; i < 4; i++) {
                    Socket socket = new Socket();
                    queued.add(socket);
                    socket.connect(full.getLocalSocketAddress(), 200);
                }
            } catch (SocketTimeoutException e) {
                // The backlog is full.
            }
            Duration connectTimeout = Duration.ofMillis(500);
            SpamdSettings settings = SpamdSettings.DEFAULTS.withEndpoint("127.0.0.1", full.getLocalPort())
                    .withTimeouts(connectTimeout, Duration.ofSeconds(10), Duration.ofSeconds(30));

            SpamCheck check = new SpamdClient(settings).check(MESSAGE);

            assertThat(check.analysis()).isEqualTo(SpamAnalysis.unavailable());
            assertThat(check.reason()).isEqualTo("no connection within 500 ms");
            assertThat(check.took()).isBetween(connectTimeout, connectTimeout.plus(SLACK));
        } finally {
            for (Socket socket : queued) {
                socket.close();
            }
        }
    }

    @Test
    void anUnknownHostIsUnavailable() {
        SpamdSettings settings = SpamdSettings.DEFAULTS.withEndpoint("spamd.invalid", 783);

        SpamCheck check = new SpamdClient(settings).check(MESSAGE);

        assertThat(check.analysis()).isEqualTo(SpamAnalysis.unavailable());
        assertThat(check.reason()).isEqualTo("spamd host does not resolve");
    }

    @Test
    void aServerThatNeverAnswersIsUnavailableAfterTheReadTimeout() throws Exception {
        try (FakeSpamd spamd = FakeSpamd.silent()) {
            Duration readTimeout = Duration.ofMillis(500);
            SpamdSettings settings = spamd.settings().withTimeouts(Duration.ofSeconds(2), readTimeout, Duration.ofSeconds(30));

            SpamCheck check = new SpamdClient(settings).check(MESSAGE);

            assertThat(check.analysis()).isEqualTo(SpamAnalysis.unavailable());
            assertThat(check.reason()).isEqualTo("spamd sent nothing for 500 ms");
            assertThat(check.took()).isBetween(readTimeout, readTimeout.plus(SLACK));
            assertThat(spamd.requests()).hasSize(1);
        }
    }

    @Test
    void aServerThatTricklesIsCutOffAtTheDeadline() throws Exception {
        try (FakeSpamd spamd = FakeSpamd.trickling(50)) {
            Duration deadline = Duration.ofMillis(1500);
            SpamdSettings settings = spamd.settings().withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), deadline);

            SpamCheck check = new SpamdClient(settings).check(MESSAGE);

            assertThat(check.analysis()).isEqualTo(SpamAnalysis.unavailable());
            assertThat(check.reason()).isEqualTo("no complete answer within the 1500 ms deadline");
            assertThat(check.took()).isBetween(deadline, deadline.plus(SLACK));
        }
    }

    @Test
    void aServerThatStopsReadingIsUnavailableAfterTheReadTimeout() throws Exception {
        // Larger than every socket buffer between the two ends, so that the writes must stall.
        byte[] large = new byte[32 * 1024 * 1024];
        try (FakeSpamd spamd = FakeSpamd.notReading()) {
            Duration readTimeout = Duration.ofMillis(500);
            SpamdSettings settings = spamd.settings().withTimeouts(Duration.ofSeconds(1), readTimeout, Duration.ofSeconds(30))
                    .withMaxMessageBytes(large.length);

            SpamCheck check = new SpamdClient(settings).check(large);

            assertThat(check.analysis()).isEqualTo(SpamAnalysis.unavailable());
            assertThat(check.reason()).isEqualTo("spamd took no bytes for 500 ms");
            assertThat(check.took()).isBetween(readTimeout, readTimeout.plus(SLACK));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""                                                                              | spamd closed without answering
            "HTTP/1.1 200 OK\\r\\nContent-length: 0\\r\\n\\r\\n"                            | answer is not a spamd status line
            "SPAMD/1.1 0 EX_OK"                                                             | answer has no complete status line
            "SPAMD/1.1 x EX_OK\\r\\n"                                                       | answer is not a spamd status line
            "\\0\\377\\7garbage\\r\\n\\r\\n"                                      | answer is not a spamd status line
            "SPAMD/1.1 0 EX_OK\\r\\n"                                                       | answer has no Content-length
            "SPAMD/1.5 0 PONG\\r\\n"                                                        | answer has code 0 without EX_OK
            "SPAMD/1.1 0 EX_OK\\r\\n\\r\\n"                                                 | answer has no Content-length
            "SPAMD/1.1 0 EX_OK\\r\\nContent-length: 5\\r\\nSpam: Tr"                        | answer ended within its headers
            "SPAMD/1.1 0 EX_OK\\r\\nContent-length: 68\\r\\nSpam: True ; 9 / 5\\r\\n\\r\\nGTUBE,MISS" | answer ended after 10 of 68 announced body bytes
            "SPAMD/1.1 0 EX_OK\\r\\nContent-length: 5\\r\\nSpam: True ; 9 / 5\\r\\n\\r\\nGTUBE,MORE" | answer has bytes beyond its Content-length
            "SPAMD/1.1 0 EX_OK\\r\\nContent-length: 5x\\r\\nSpam: True ; 9 / 5\\r\\n\\r\\nGTUBE" | answer has a malformed Content-length
            "SPAMD/1.1 0 EX_OK\\r\\nSpam: True ; 9 / 5\\r\\n\\r\\nGTUBE"                    | answer has no Content-length
            "SPAMD/1.1 0 EX_OK\\r\\nContent-length: 5\\r\\n\\r\\nGTUBE"                     | answer has no Spam header
            "SPAMD/1.1 0 EX_OK\\r\\nContent-length: 0\\r\\nSpam: Maybe ; 9 / 5\\r\\n\\r\\n" | answer has a malformed Spam header
            "SPAMD/1.1 0 EX_OK\\r\\nContent-length: 0\\r\\nSpam: True ; 5,9 / 5,0\\r\\n\\r\\n" | answer has a malformed Spam header
            "SPAMD/1.1 0 EX_OK\\r\\nContent-length: 0\\r\\nSpam: True ; NaN / 5.0\\r\\n\\r\\n" | answer has a malformed Spam header
            "SPAMD/1.1 0 EX_OK\\r\\nContent-length: 0\\r\\nSpam True ; 9 / 5\\r\\n\\r\\n"   | answer has a malformed header line
            "SPAMD/1.1 0 EX_OK\\r\\nContent-length: 0\\r\\nContent-length: 0\\r\\nSpam: True ; 9 / 5\\r\\n\\r\\n" | answer repeats a header
            "SPAMD/1.1 0 EX_OK\\r\\nContent-length: 14\\r\\nSpam: True ; 9 / 5\\r\\n\\r\\nGTUBE,<b>x</b>" | answer has a malformed rule list
            "SPAMD/1.0 76 Bad header line: (header not in 'Name: value' format)\\r\\n"     | spamd answered code 76 (EX_PROTOCOL)
            "SPAMD/1.0 74 EX_IOERR\\r\\n"                                                   | spamd answered code 74 (EX_IOERR)
            "SPAMD/1.0 999 whatever\\r\\n"                                                  | spamd answered code 999 (unknown)
            """)
    void aBadAnswerIsUnavailableWithAReason(String escapedAnswer, String reason) throws Exception {
        try (FakeSpamd spamd = FakeSpamd.answering(unescape(escapedAnswer))) {
            SpamCheck check = new SpamdClient(spamd.settings()).check(MESSAGE);

            assertThat(check.analysis()).isEqualTo(SpamAnalysis.unavailable());
            assertThat(check.reason()).isEqualTo(reason);
        }
    }

    @Test
    void anEndlessAnswerIsCutOffAtTheResponseCap() throws Exception {
        try (FakeSpamd spamd = FakeSpamd.flooding("SPAMD/1.1 0 EX_OK\r\nContent-length: 900000000\r\nSpam: True ; 9.0 / 5.0\r\n\r\n")) {
            SpamCheck check = new SpamdClient(spamd.settings().withMaxResponseBytes(4096)).check(MESSAGE);

            assertThat(check.analysis()).isEqualTo(SpamAnalysis.unavailable());
            assertThat(check.reason()).isEqualTo("answer exceeds 4096 bytes");
        }
    }

    @Test
    void anAnswerOfExactlyTheCapIsRead() throws Exception {
        String head = "SPAMD/1.1 0 EX_OK\r\nContent-length: %05d\r\nSpam: True ; 9.0 / 5.0\r\n\r\n";
        int bodyLength = 4096 - String.format(head, 0).length();
        String body = "A,".repeat(bodyLength / 2) + "A".repeat(bodyLength % 2);
        try (FakeSpamd spamd = FakeSpamd.answering(String.format(head, bodyLength) + body)) {
            SpamCheck check = new SpamdClient(spamd.settings().withMaxResponseBytes(4096)).check(MESSAGE);

            assertThat(check.analysis()).isEqualTo(new SpamAnalysis(Status.SPAM, 9.0, 5.0,
                    Collections.nCopies((bodyLength + 1) / 2, "A")));
        }
    }

    @Test
    void aMessageOverTheLimitIsNotSent() throws Exception {
        try (FakeSpamd spamd = FakeSpamd.answering(GTUBE_ANSWER)) {
            SpamdClient client = new SpamdClient(spamd.settings().withMaxMessageBytes(1000));

            SpamCheck check = client.check(new byte[1001]);

            assertThat(check.analysis()).isEqualTo(SpamAnalysis.notChecked());
            assertThat(check.reason()).isEqualTo("message of 1001 bytes exceeds the 1000-byte limit");
            assertThat(spamd.connections()).isZero();
            assertThat(client.check(new byte[1000]).status()).isEqualTo(Status.SPAM);
            assertThat(spamd.requests()).singleElement().satisfies(request -> assertThat(request).endsWith(new byte[1000]));
        }
    }

    @Test
    void manyThreadsShareOneClient() throws Exception {
        Pattern number = Pattern.compile("Subject: message (\\d+)\r\n");
        try (FakeSpamd spamd = FakeSpamd.answering(request -> {
            Matcher matcher = number.matcher(new String(request, StandardCharsets.US_ASCII));
            int n = matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
            String rule = "RULE_" + n;
            return "SPAMD/1.1 0 EX_OK\r\nContent-length: " + rule.length() + "\r\nSpam: " + (n % 2 == 0 ? "True" : "False")
                    + " ; " + n + ".5 / 5.0\r\n\r\n" + rule;
        })) {
            SpamdClient client = new SpamdClient(spamd.settings());
            int threads = 20;
            CountDownLatch start = new CountDownLatch(1);
            List<Future<SpamCheck>> checks = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                for (int i = 0; i < threads; i++) {
                    byte[] message = ("Subject: message " + i + "\r\n\r\nbody " + i + "\r\n").getBytes(StandardCharsets.US_ASCII);
                    checks.add(pool.submit(() -> {
                        start.await();
                        return client.check(message);
                    }));
                }
                start.countDown();
                for (int i = 0; i < threads; i++) {
                    assertThat(checks.get(i).get(30, TimeUnit.SECONDS).analysis()).isEqualTo(
                            new SpamAnalysis(i % 2 == 0 ? Status.SPAM : Status.HAM, i + 0.5, 5.0, List.of("RULE_" + i)));
                }
            }
            assertThat(spamd.connections()).isEqualTo(threads);
        }
    }

    @Test
    void anInterruptedThreadDoesNotWait() throws Exception {
        try (FakeSpamd spamd = FakeSpamd.silent()) {
            SpamdClient client = new SpamdClient(spamd.settings());
            Thread.currentThread().interrupt();
            SpamCheck check;
            try {
                check = client.check(MESSAGE);
            } finally {
                assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
            }

            assertThat(check.analysis()).isEqualTo(SpamAnalysis.unavailable());
            assertThat(check.reason()).isEqualTo("interrupted");
            assertThat(check.took()).isLessThan(SLACK);
        }
    }

    @Test
    void pingExpectsPong() throws Exception {
        try (FakeSpamd spamd = FakeSpamd.answering("SPAMD/1.5 0 PONG\r\n")) {
            assertThat(new SpamdClient(spamd.settings()).ping()).isTrue();
            assertThat(spamd.requests()).singleElement()
                    .satisfies(request -> assertThat(new String(request, StandardCharsets.US_ASCII)).isEqualTo("PING SPAMC/1.5\r\n\r\n"));
        }
    }

    @Test
    void pingFailsOnAnythingButPong() throws Exception {
        try (FakeSpamd spamd = FakeSpamd.answering("SPAMD/1.5 0 EX_OK\r\n")) {
            assertThat(new SpamdClient(spamd.settings()).ping()).isFalse();
        }
        try (FakeSpamd spamd = FakeSpamd.answering("SPAMD/1.5 76 PONG\r\n")) {
            assertThat(new SpamdClient(spamd.settings()).ping()).isFalse();
        }
        try (FakeSpamd spamd = FakeSpamd.silent()) {
            SpamdSettings settings = spamd.settings().withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofSeconds(1));
            assertThat(new SpamdClient(settings).ping()).isFalse();
        }
        assertThat(new SpamdClient(SpamdSettings.DEFAULTS.withEndpoint("127.0.0.1", unusedPort())).ping()).isFalse();
    }

    @Test
    void aMessageIsRequired() {
        SpamdClient client = new SpamdClient(SpamdSettings.DEFAULTS);
        assertThatThrownBy(() -> client.check(null)).isInstanceOf(NullPointerException.class);
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The answers above are written with Java escapes so that control characters show. */
    private static String unescape(String escaped) {
        return escaped.translateEscapes();
    }
}
