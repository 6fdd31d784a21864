package org.c4tap.cli.load;

import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.c4tap.cli.demo.DemoNetwork;
import org.c4tap.cli.demo.DemoParties;
import org.c4tap.cli.demo.NoticeReader;
import org.c4tap.cli.demo.SuspiciousMail;
import org.c4tap.cli.james.FreePorts;
import org.c4tap.cli.james.Installation;
import org.c4tap.cli.james.JamesServer;
import org.c4tap.cli.mail.MailClient;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.report.OriginalHeaders;

/**
 * One load run on a fresh pair of real James servers: N suspicious-mail forwards submitted over
 * SMTP AUTH with C concurrent clients, each tagged in its subject, and the secretariat's mailbox
 * watched over IMAP until every one has arrived (or the deadline passes). In {@link Mode#PIPELINE}
 * each submission goes to the report address and is analysed, sealed, relayed, accepted and
 * distributed, and the secretariat's notice is decrypted to find its tag; in {@link Mode#PLAIN}
 * the same message is addressed to the secretariat and the same servers only relay and deliver
 * it: the baseline.
 */
public final class LoadRun {

    /** What the servers do with each submission. */
    public enum Mode { PIPELINE, PLAIN }

    /** The figures of one run. */
    public record Result(Mode mode, int submitted, int submitFailures, int delivered, int lost, int duplicated, Duration wall,
                         double throughputPerSecond, long p50Millis, long p95Millis, long p99Millis, long maxMillis,
                         long operatorPeakRssKb, long councilPeakRssKb) {
    }

    private static final String TAG = "[load ";
    private static final Duration POLL = Duration.ofMillis(100);

    private final Path work;
    private final Installation installation;
    private final Consumer<String> trace;

    public LoadRun(Path work, Installation installation, Consumer<String> trace) {
        this.work = work;
        this.installation = installation;
        this.trace = trace;
    }

    /**
     * @param spamdPort a spamd on loopback to score with, or empty to measure without spamd (the
     *                  operator then points at a closed port and every report says "unavailable")
     */
    public Result run(Mode mode, int reports, int concurrency, Duration deadline, OptionalInt spamdPort) throws Exception {
        return run(mode, reports, concurrency, deadline, spamdPort, OptionalDouble.empty());
    }

    /**
     * @param rate reports per second, evenly spaced (an offered load, to measure latency below
     *             capacity), or empty to submit as fast as the clients can (to measure throughput)
     */
    public Result run(Mode mode, int reports, int concurrency, Duration deadline, OptionalInt spamdPort, OptionalDouble rate)
            throws Exception {
        int spamd = spamdPort.isPresent() ? spamdPort.getAsInt() : FreePorts.next();
        DemoNetwork.Options options = (mode == Mode.PLAIN ? DemoNetwork.Options.standard().withOrdinaryMailToCouncil()
                : DemoNetwork.Options.standard())
                .withOperatorEdit("mailetcontainer.xml", "<spamdPort>783</spamdPort>", "<spamdPort>" + spamd + "</spamdPort>");
        try (DemoNetwork network = DemoNetwork.start(Files.createDirectories(work.resolve(mode.name().toLowerCase(Locale.ROOT))), installation,
                options, trace)) {
            byte[] original = SuspiciousMail.sample(DemoParties.EMPLOYEE).message();
            String recipient = mode == Mode.PIPELINE ? DemoParties.REPORT_ADDRESS : DemoParties.SECRETARIAT.noticeAddress();
            String secretariat = DemoParties.SECRETARIAT.noticeAddress();
            // warm both servers (class loading, JIT) with one message that is not counted
            submit(network, tagged(original, -1, recipient), recipient);
            int baseline = new Arrival(network.council().ports().imap(), secretariat).pollUntil(1, Duration.ofSeconds(120));

            Map<Integer, Instant> sentAt = new ConcurrentHashMap<>();
            Arrival arrival = new Arrival(network.council().ports().imap(), secretariat);
            Thread watcher = new Thread(() -> arrival.watch(baseline, reports), "load-watch");
            watcher.setDaemon(true);
            watcher.start();

            trace.accept("[load]     " + mode + ": submitting " + reports + " reports with " + concurrency + " clients"
                    + (rate.isPresent() ? ", " + rate.getAsDouble() + " per second" : ", as fast as they can"));
            Instant start = Instant.now();
            int failures = 0;
            ExecutorService clients = Executors.newFixedThreadPool(concurrency);
            try {
                List<Future<Boolean>> sends = new ArrayList<>();
                for (int i = 0; i < reports; i++) {
                    int index = i;
                    byte[] message = tagged(original, index, recipient);
                    if (rate.isPresent()) {
                        Instant due = start.plusNanos((long) (i * 1e9 / rate.getAsDouble()));
                        long wait = Duration.between(Instant.now(), due).toMillis();
                        if (wait > 0) {
                            Thread.sleep(wait);
                        }
                    }
                    sends.add(clients.submit(() -> {
                        sentAt.put(index, Instant.now());
                        try {
                            submit(network, message, recipient);
                            return true;
                        } catch (Exception e) {
                            sentAt.remove(index);
                            return false;
                        }
                    }));
                }
                for (Future<Boolean> send : sends) {
                    if (!send.get()) {
                        failures++;
                    }
                }
            } finally {
                clients.shutdown();
            }
            trace.accept("[load]     " + mode + ": all submitted in " + Duration.between(start, Instant.now()).toMillis()
                    + " ms; waiting for the secretariat's mailbox");
            arrival.awaitWatched(baseline + sentAt.size(), deadline);
            arrival.stop();
            watcher.join(5000);
            if (arrival.failure() != null) {
                // arrival times would be read late, so latencies would be wrong: no figures at all
                throw new IllegalStateException("the IMAP watch of the secretariat's mailbox failed", arrival.failure());
            }
            Thread.sleep(2000);

            Map<Integer, List<Instant>> arrived = readTags(network, mode, secretariat, baseline, arrival.firstSeen());
            List<Long> latencies = new ArrayList<>();
            int duplicated = 0;
            Instant last = start;
            for (Map.Entry<Integer, Instant> sent : sentAt.entrySet()) {
                List<Instant> seen = arrived.getOrDefault(sent.getKey(), List.of());
                if (seen.isEmpty()) {
                    continue;
                }
                duplicated += seen.size() - 1;
                Instant first = seen.get(0);
                latencies.add(Math.max(0, Duration.between(sent.getValue(), first).toMillis()));
                if (first.isAfter(last)) {
                    last = first;
                }
            }
            latencies.sort(Long::compare);
            int delivered = latencies.size();
            Duration wall = Duration.between(start, last);
            return new Result(mode, sentAt.size(), failures, delivered, sentAt.size() - delivered, duplicated, wall,
                    wall.isZero() ? 0 : delivered * 1000.0 / wall.toMillis(), percentile(latencies, 50), percentile(latencies, 95),
                    percentile(latencies, 99), latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1),
                    peakRssKb(network.operator()), peakRssKb(network.council()));
        }
    }

    private static void submit(DemoNetwork network, byte[] message, String recipient) throws Exception {
        MailClient.submit(network.operator().ports().smtp(), DemoParties.EMPLOYEE, DemoNetwork.MAILBOX_PASSWORD, DemoParties.EMPLOYEE,
                List.of(recipient), message);
    }

    /** The employee's forward of the sample, its original subject tagged with {@code index}. */
    private static byte[] tagged(byte[] original, int index, String recipient) throws Exception {
        MimeMessage message = new MimeMessage(MimeParts.session(), new ByteArrayInputStream(original));
        message.setSubject(SuspiciousMail.SUBJECT + " " + TAG + index + "]", "UTF-8");
        message.saveChanges();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);
        return SuspiciousMail.forwardAsAttachment(bytes.toByteArray(), DemoParties.EMPLOYEE, recipient);
    }

    /**
     * The tag of every message that arrived after the warm-up, with when it was first seen. A
     * notice is decrypted with the secretariat's key to read the reported mail's subject; a plain
     * relay's message carries it inside the forwarded mail.
     */
    private Map<Integer, List<Instant>> readTags(DemoNetwork network, Mode mode, String secretariat, int baseline,
                                                 Map<Integer, Instant> firstSeen) throws Exception {
        NoticeReader reader = new NoticeReader(network.pki());
        List<byte[]> inbox = network.inbox(secretariat);
        Map<Integer, List<Instant>> tags = new HashMap<>();
        for (int number = baseline + 1; number <= inbox.size(); number++) {
            byte[] raw = inbox.get(number - 1);
            String subject;
            if (mode == Mode.PIPELINE) {
                // an administrator notice, say, is no report's notice: it counts for nothing
                if (!outerSubject(raw).startsWith("C4TAP notice ")) {
                    trace.accept("[load]     not a notice in the secretariat's mailbox: " + outerSubject(raw));
                    continue;
                }
                subject = reader.read(DemoParties.SECRETARIAT, raw).report().part(OriginalHeaders.class).map(OriginalHeaders::subject).orElse("");
            } else {
                subject = forwardedSubject(raw);
            }
            int at = subject.indexOf(TAG);
            int end = at < 0 ? -1 : subject.indexOf(']', at);
            if (end < 0) {
                continue;
            }
            int tag = Integer.parseInt(subject.substring(at + TAG.length(), end));
            Instant seen = firstSeen.get(number);
            if (seen == null) {
                throw new IllegalStateException("message " + number + " of the secretariat's mailbox was never seen by the watch");
            }
            tags.computeIfAbsent(tag, ignored -> new ArrayList<>()).add(seen);
        }
        return tags;
    }

    private static String outerSubject(byte[] raw) throws Exception {
        String subject = new MimeMessage(MimeParts.session(), new ByteArrayInputStream(raw)).getSubject();
        return subject == null ? "" : subject;
    }

    /** The subject of the mail forwarded inside a plain relay's message. */
    private static String forwardedSubject(byte[] raw) throws Exception {
        MimeMessage message = new MimeMessage(MimeParts.session(), new ByteArrayInputStream(raw));
        if (message.getContent() instanceof Multipart parts) {
            for (int i = 0; i < parts.getCount(); i++) {
                if (parts.getBodyPart(i).isMimeType("message/rfc822") && parts.getBodyPart(i).getContent() instanceof MimeMessage forwarded) {
                    return forwarded.getSubject();
                }
            }
        }
        return "";
    }

    private static long percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** The server's peak resident memory (VmHWM), in KiB; 0 where /proc does not tell. */
    private static long peakRssKb(JamesServer server) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(server.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /**
     * Watches a mailbox's message count over IMAP (STATUS, every 100 ms) and notes when each
     * message number was first seen: the arrival time of each message, to within the poll.
     */
    private static final class Arrival {

        private final int port;
        private final String user;
        private final Map<Integer, Instant> firstSeen = new ConcurrentHashMap<>();
        private volatile int count;
        private volatile boolean stopped;
        private volatile Exception failure;

        Arrival(int port, String user) {
            this.port = port;
            this.user = user;
        }

        Map<Integer, Instant> firstSeen() {
            return firstSeen;
        }

        void stop() {
            stopped = true;
        }

        /** Why the watch ended early, or null. */
        Exception failure() {
            return failure;
        }

        void watch(int baseline, int expected) {
            count = baseline;
            try (Store store = connect()) {
                while (!stopped) {
                    int now = store.getFolder("INBOX").getMessageCount();
                    Instant seen = Instant.now();
                    for (int number = count + 1; number <= now; number++) {
                        firstSeen.putIfAbsent(number, seen);
                    }
                    count = Math.max(count, now);
                    Thread.sleep(POLL.toMillis());
                }
            } catch (Exception e) {
                failure = e;
                stopped = true;
            }
        }

        /** Polls until the mailbox holds {@code target} messages; returns how many it holds. */
        int pollUntil(int target, Duration timeout) throws Exception {
            Instant deadline = Instant.now().plus(timeout);
            int held = 0;
            try (Store store = connect()) {
                while (Instant.now().isBefore(deadline)) {
                    held = store.getFolder("INBOX").getMessageCount();
                    if (held >= target) {
                        break;
                    }
                    Thread.sleep(POLL.toMillis());
                }
            }
            return held;
        }

        /** Waits until the watch has seen {@code target} messages, or the timeout passes. */
        void awaitWatched(int target, Duration timeout) throws InterruptedException {
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline) && count < target && !stopped) {
                Thread.sleep(POLL.toMillis());
            }
        }

        private Store connect() throws Exception {
            Properties properties = new Properties();
            properties.setProperty("mail.imap.connectiontimeout", "10000");
            properties.setProperty("mail.imap.timeout", "60000");
            Store store = Session.getInstance(properties).getStore("imap");
            store.connect("127.0.0.1", port, user, DemoNetwork.MAILBOX_PASSWORD);
            return store;
        }
    }
}
