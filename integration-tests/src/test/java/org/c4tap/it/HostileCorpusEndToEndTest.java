package org.c4tap.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.c4tap.cli.demo.DemoNetwork;
import org.c4tap.cli.demo.DemoParties;
import org.c4tap.cli.james.Installation;
import org.c4tap.core.message.HeaderText;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.testing.HostileCorpus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The whole hostile corpus submitted over SMTP AUTH to the real operator gateway, as an employee's
 * client sends it: every submission gets exactly its clear outcome, matched to it by the reply's
 * In-Reply-To (an acknowledgement per report naming its report id and listing the notes the core
 * analysis expects, or an explanation of the refusal with its reason), or is refused by SMTP itself
 * where a line breaks SMTP's rules (over 998 octets, a bare CR or LF); every report is relayed sealed; nothing lands in
 * an error repository or with the postmaster; and the gateway's log holds no exception. The council
 * is a sink here: its side is tested elsewhere, and 340 reports' notices would only slow this down.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class HostileCorpusEndToEndTest {

    private static final int CONNECTIONS = 4;
    private static final Pattern CASE_ID = Pattern.compile("<hostile-(\\d+)@" + Pattern.quote(HostileCorpus.MESSAGE_ID_DOMAIN) + ">");
    private static final Pattern REPORT_ID = Pattern.compile("Report accepted: (\\S+)");

    private SmtpSink council;
    private DemoNetwork network;

    @BeforeAll
    void start() throws Exception {
        council = new SmtpSink();
        Path work = Files.createTempDirectory("c4tap-hostile-");
        network = DemoNetwork.start(work, Installation.locate(), DemoNetwork.Options.standard().relayingThrough(port -> council.port()),
                System.out::println);
    }

    @AfterAll
    void stop() throws Exception {
        if (network != null) {
            network.close();
        }
        if (council != null) {
            council.close();
        }
    }

    @Test
    void everyHostileSubmissionGetsExactlyItsClearOutcome() throws Exception {
        // -Dhostile.only=REGEX runs the cases whose name matches, to look into one kind of failure
        Pattern only = Pattern.compile(System.getProperty("hostile.only", ".*"));
        List<HostileCorpus.Case> cases = HostileCorpus.all().stream().filter(hostile -> only.matcher(hostile.name()).find()).toList();
        long started = System.nanoTime();
        Map<Integer, SmtpSubmitter.Reply> refusedBySmtp = submitAll(cases);
        long submitted = System.nanoTime();
        refusedBySmtp.forEach((index, reply) -> System.out.println("[hostile]  refused by SMTP: " + cases.stream()
                .filter(hostile -> hostile.index() == index).findFirst().orElseThrow() + ": " + reply));

        int expectedReports = 0;
        int expectedAnswers = 0;
        int expectedRefusals = 0;
        for (HostileCorpus.Case hostile : cases) {
            if (refusedBySmtp.containsKey(hostile.index())) {
                continue;
            }
            switch (hostile.expected()) {
                case HostileCorpus.Reported reported -> {
                    expectedReports += Math.max(1, reported.count());
                    expectedAnswers += Math.max(1, reported.count());
                }
                case HostileCorpus.Refused refused -> {
                    expectedAnswers++;
                    expectedRefusals++;
                }
            }
        }
        int reports = expectedReports;
        int answers = expectedAnswers;
        try {
            Await.until(reports + " sealed reports relayed", Duration.ofMinutes(4), () -> {
                List<String> failed = network.operator().webAdmin().repositoryKeys("file://var/mail/c4tap-error/");
                assertThat(failed).as("mail in c4tap-error (kept in target/hostile-error/)").isEmpty();
                return council.received().size() >= reports;
            });
        } finally {
            keepFailed();
        }
        Await.until("the spool and the relay queue empty", Duration.ofMinutes(2), () ->
                network.operator().webAdmin().queueSize("spool") == 0 && network.operator().webAdmin().queueSize("c4tap-outgoing") == 0);
        Await.until(answers + " answers to the employee", Duration.ofMinutes(2), () -> network.inboxCount(DemoParties.EMPLOYEE) >= answers);
        List<byte[]> inbox = network.inbox(DemoParties.EMPLOYEE);
        long answered = System.nanoTime();

        Map<Integer, List<Answer>> byCase = new TreeMap<>();
        for (byte[] raw : inbox) {
            Answer answer = Answer.read(raw);
            assertThat(answer.caseIndex()).as("every answer replies to a submission: " + answer.subject()).isPositive();
            byCase.computeIfAbsent(answer.caseIndex(), index -> new ArrayList<>()).add(answer);
        }
        // every case is checked, and every mismatch reported at once
        org.assertj.core.api.SoftAssertions softly = new org.assertj.core.api.SoftAssertions();
        Set<String> reportIds = new HashSet<>();
        for (HostileCorpus.Case hostile : cases) {
            List<Answer> got = byCase.getOrDefault(hostile.index(), List.of());
            SmtpSubmitter.Reply smtp = refusedBySmtp.get(hostile.index());
            if (smtp != null) {
                softly.assertThat(HostileCorpus.smtpSafe(hostile.submission())).as(hostile + " was refused by SMTP (" + smtp + "): only what"
                        + " SMTP cannot carry (a line over 998 octets, a bare CR or LF) may be").isFalse();
                softly.assertThat(got).as(hostile + ": refused at SMTP, so no answer by mail").isEmpty();
                continue;
            }
            switch (hostile.expected()) {
                case HostileCorpus.Refused refused -> {
                    softly.assertThat(got).as(hostile + ": one explanation").hasSize(1);
                    for (Answer answer : got) {
                        softly.assertThat(answer.reportId()).as(hostile.toString()).isNull();
                        softly.assertThat(answer.text()).as(hostile + ": explains " + refused.reason()).contains(explanation(refused.reason()));
                    }
                }
                case HostileCorpus.Reported reported -> {
                    if (reported.count() > 0) {
                        softly.assertThat(got).as(hostile + ": one acknowledgement per report").hasSize(reported.count());
                    } else {
                        softly.assertThat(got).as(hostile + ": acknowledged").isNotEmpty();
                    }
                    for (Answer answer : got) {
                        softly.assertThat(answer.reportId()).as(hostile + ": names its report").isNotNull();
                        softly.assertThat(reportIds.add(answer.reportId())).as(hostile + ": a report id of its own").isTrue();
                    }
                    String all = String.join("\n", got.stream().map(Answer::text).toList());
                    for (String kind : reported.notes()) {
                        softly.assertThat(all).as(hostile + ": the reporter is told " + kind).contains("  - " + kind + ": ");
                    }
                    if (!reported.anyOf().isEmpty()) {
                        softly.assertThat(reported.anyOf()).as(hostile + ": the reporter is told one of these")
                                .anyMatch(kind -> all.contains("  - " + kind + ": "));
                    }
                }
            }
        }
        softly.assertAll();
        Set<Integer> sent = new HashSet<>(cases.stream().map(HostileCorpus.Case::index).toList());
        assertThat(byCase.keySet()).as("no answer to anything but a corpus submission").allMatch(sent::contains);

        List<byte[]> relayed = council.received();
        assertThat(relayed).as("every report relayed once").hasSize(reports);
        for (byte[] sealed : relayed) {
            MimeMessage message = MimeParts.parse(sealed);
            assertThat(MimeParts.baseType(message)).as("relayed sealed").isEqualTo("application/pkcs7-mime");
        }
        assertThat(network.operator().webAdmin().repositoryKeys("file://var/mail/c4tap-error/")).as("nothing failed").isEmpty();
        assertThat(network.operator().webAdmin().repositoryKeys("file://var/mail/error/")).as("nothing in James's error repository")
                .isEmpty();
        assertThat(network.inbox("postmaster@" + DemoParties.OPERATOR_DOMAIN)).as("no administrator notice").isEmpty();
        List<String> kept = network.operator().webAdmin().repositoryKeys("file://var/mail/c4tap-unrecognised/");
        assertThat(kept).as("each refused submission kept").hasSize(expectedRefusals);
        for (String key : kept) {
            assertThat(network.operator().webAdmin().repositoryMailDetails("file://var/mail/c4tap-unrecognised/", key))
                    .as("kept with its reason").contains("c4tap.rejection");
        }
        List<String> exceptions = exceptionLines(network.operator().log());
        assertThat(exceptions).as("the operator's log holds no exception and no error").isEmpty();

        System.out.printf("[hostile]  %d submissions on %d connections in %d ms (%d refused by SMTP); %d reports sealed and relayed,"
                        + " %d refusals explained; all answers in %d ms after the last submission%n", cases.size(), CONNECTIONS,
                (submitted - started) / 1_000_000, refusedBySmtp.size(), reports, expectedRefusals, (answered - submitted) / 1_000_000);
    }

    /** Writes what landed in c4tap-error to target/hostile-error/, to be looked at. */
    private void keepFailed() throws Exception {
        Path out = Path.of("target/hostile-error");
        for (String key : network.operator().webAdmin().repositoryKeys("file://var/mail/c4tap-error/")) {
            Files.createDirectories(out);
            Files.write(out.resolve(key.replaceAll("[^A-Za-z0-9.-]", "_") + ".eml"),
                    network.operator().webAdmin().repositoryMail("file://var/mail/c4tap-error/", key));
        }
    }

    /** Sends every case on a few connections; returns the cases the SMTP server itself refused, with its answer. */
    private Map<Integer, SmtpSubmitter.Reply> submitAll(List<HostileCorpus.Case> cases) throws Exception {
        Map<Integer, SmtpSubmitter.Reply> refused = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int worker = 0; worker < CONNECTIONS; worker++) {
                int first = worker;
                workers.add(pool.submit(() -> {
                    SmtpSubmitter client = connect();
                    for (int i = first; i < cases.size(); i += CONNECTIONS) {
                        HostileCorpus.Case hostile = cases.get(i);
                        SmtpSubmitter.Reply reply;
                        try {
                            reply = client.send(DemoParties.EMPLOYEE, HostileCorpus.REPORT_ADDRESS, hostile.submission());
                        } catch (java.io.IOException dropped) {
                            // the connection may have been closed after the previous refusal: once more on a new one
                            client.close();
                            client = connect();
                            try {
                                reply = client.send(DemoParties.EMPLOYEE, HostileCorpus.REPORT_ADDRESS, hostile.submission());
                            } catch (java.io.IOException again) {
                                reply = new SmtpSubmitter.Reply(0, again.getMessage());
                            }
                        }
                        if (!reply.accepted()) {
                            refused.put(hostile.index(), reply);
                            // a server that refused may close the connection; the next case starts afresh
                            client.close();
                            client = connect();
                        }
                    }
                    client.close();
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return refused;
    }

    private SmtpSubmitter connect() throws java.io.IOException {
        return new SmtpSubmitter(network.operator().ports().smtp(), DemoParties.EMPLOYEE, DemoNetwork.MAILBOX_PASSWORD);
    }

    /** An answer in the employee's inbox: which submission it replies to, and what it says. */
    record Answer(int caseIndex, String subject, String reportId, String text) {
        static Answer read(byte[] raw) throws Exception {
            MimeMessage message = MimeParts.parse(raw);
            String inReplyTo = HeaderText.first(message, "In-Reply-To");
            Matcher id = CASE_ID.matcher(inReplyTo);
            String subject = HeaderText.first(message, "Subject");
            Matcher report = REPORT_ID.matcher(subject);
            return new Answer(id.matches() ? Integer.parseInt(id.group(1)) : -1, subject, report.find() ? report.group(1) : null,
                    MimeParts.text(message, 1_000_000).text());
        }
    }

    private static String explanation(String reason) {
        return switch (reason) {
            case "nothing_recognised" -> "No forwarded suspicious mail was found";
            case "too_large" -> "larger than the gateway reads";
            default -> throw new IllegalArgumentException(reason);
        };
    }

    /** Lines of a log that show an exception (its name, a stack frame, a cause) or an error (James's leak detector logs at ERROR). */
    static List<String> exceptionLines(Path log) throws Exception {
        List<String> found = new ArrayList<>();
        for (String line : new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\n")) {
            if (line.contains("Exception") || line.startsWith("\tat ") || line.startsWith("Caused by") || line.contains("[ERROR")) {
                found.add(line.length() > 300 ? line.substring(0, 300) : line);
            }
        }
        return found;
    }
}
