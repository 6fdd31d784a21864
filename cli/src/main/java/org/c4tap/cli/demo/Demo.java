package org.c4tap.cli.demo;

import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.c4tap.cli.james.Installation;
import org.c4tap.cli.mail.MailClient;
import org.c4tap.core.message.HeaderText;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.report.Attachment;
import org.c4tap.core.report.AttachmentList;
import org.c4tap.core.report.Report;
import org.c4tap.core.sample.SampleParcel;
import org.c4tap.core.sample.SampleZip;
import org.c4tap.core.scope.Part;

/**
 * {@code c4tap demo}: the whole path on two real James servers. An employee of the demo bank
 * forwards a suspicious mail to {@code report+green@bank-a.example}; the operator gateway relays
 * the sealed report to the council; the council sends each organisation its notice; the demo reads
 * every mailbox over IMAP, decrypts and verifies each notice with its recipient's key, and checks
 * that each holds exactly the parts its scope allows and the attachment's true SHA-256. The demo
 * operator sends samples, so the analysts (and no one else) must also have the attachment itself.
 */
public final class Demo {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String NOTICE_SUBJECT = "C4TAP notice ";
    private static final String SAMPLES_SUBJECT = "C4TAP samples ";

    private final Path work;
    private final Installation installation;
    private final Consumer<String> out;

    public Demo(Path work, Installation installation, Consumer<String> out) {
        this.work = work;
        this.installation = installation;
        this.out = out;
    }

    /** Runs the demo; true when every check passed. The servers are stopped either way. */
    public boolean run() throws Exception {
        Instant begin = Instant.now();
        try (DemoNetwork network = DemoNetwork.start(work, installation, DemoNetwork.Options.standard().withSamples(), out)) {
            SuspiciousMail.Sample sample = SuspiciousMail.sample(DemoParties.EMPLOYEE);
            String expectedSha256 = sha256(sample.attachment());
            String reportAddress = "report+green@bank-a.example";
            byte[] forward = SuspiciousMail.forwardAsAttachment(sample.message(), DemoParties.EMPLOYEE, reportAddress);
            MailClient.submit(network.operator().ports().smtp(), DemoParties.EMPLOYEE, DemoNetwork.MAILBOX_PASSWORD,
                    DemoParties.EMPLOYEE, List.of(reportAddress), forward);
            out.accept("[employee] " + DemoParties.EMPLOYEE + " forwarded \"" + SuspiciousMail.SUBJECT + "\" with \""
                    + SuspiciousMail.ATTACHMENT_NAME + "\" (SHA-256 " + expectedSha256.substring(0, 16) + "…) as an attachment to "
                    + reportAddress + " over SMTP AUTH");

            Map<DemoParty, Set<Part>> expected = DemoExpectations.greenReport();
            Map<DemoParty, List<byte[]>> received = waitForNotices(network, expected);
            List<String> failures = new ArrayList<>();
            Set<String> reportIds = new TreeSet<>();
            int verified = 0;
            int delivered = 0;
            for (Map.Entry<DemoParty, Set<Part>> entry : expected.entrySet()) {
                DemoParty party = entry.getKey();
                List<byte[]> notices = received.get(party);
                String who = party.organisation().orElseThrow() + " <" + party.noticeAddress() + ">";
                if (entry.getValue().isEmpty()) {
                    if (notices.isEmpty()) {
                        out.accept("[notice]   " + who + ": nothing, as its scope allows nothing");
                    } else {
                        failures.add(who + " received " + notices.size() + " notice(s) but may receive none");
                    }
                    continue;
                }
                delivered += notices.size();
                if (notices.size() != 1) {
                    failures.add(who + " received " + notices.size() + " notices instead of 1");
                    continue;
                }
                try {
                    NoticeReader.Read read = new NoticeReader(network.pki()).read(party, notices.get(0));
                    Report report = read.report();
                    reportIds.add(report.id().value());
                    Set<Part> parts = report.parts().keySet();
                    if (!parts.equals(entry.getValue())) {
                        failures.add(who + " got parts " + keys(parts) + " but may see exactly " + keys(entry.getValue()));
                        continue;
                    }
                    if (parts.contains(Part.ATTACHMENTS)) {
                        List<Attachment> attachments = report.part(AttachmentList.class).orElseThrow().attachments();
                        if (attachments.size() != 1 || !attachments.get(0).fingerprint().sha256().equals(expectedSha256)
                                || !attachments.get(0).filename().equals(SuspiciousMail.ATTACHMENT_NAME)) {
                            failures.add(who + ": the attachment's fingerprint is not the one computed here");
                            continue;
                        }
                    }
                    verified++;
                    out.accept("[notice]   " + who + ": decrypted with its own key, council signature verified, "
                            + parts.size() + " part(s): " + keys(parts));
                } catch (Exception e) {
                    failures.add(who + ": the notice cannot be opened: " + e.getMessage());
                }
            }
            checkSamples(network, expected.keySet(), sample.attachment(), failures);
            String acknowledged = acknowledgement(network, reportIds);
            if (acknowledged == null) {
                failures.add("the employee received no acknowledgement naming the report id " + reportIds);
            } else {
                out.accept("[employee] acknowledgement received: \"" + acknowledged + "\"");
            }
            if (reportIds.size() != 1) {
                failures.add("the notices name " + reportIds.size() + " report ids instead of 1: " + reportIds);
            }
            Duration took = Duration.between(begin, Instant.now());
            if (!failures.isEmpty()) {
                failures.forEach(failure -> out.accept("[check]    FAILED: " + failure));
                out.accept("demo FAILED: " + failures.size() + " check(s) failed (logs: " + work + ")");
                return false;
            }
            out.accept(String.format("demo ok: %d report relayed, %d notices delivered, %d decrypted and verified, "
                            + "samples to the analysts alone (%.0f s)", reportIds.size(), delivered, verified, took.toMillis() / 1000.0));
            return true;
        }
    }

    private Map<DemoParty, List<byte[]>> waitForNotices(DemoNetwork network, Map<DemoParty, Set<Part>> expected) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        Map<DemoParty, List<byte[]>> received = new LinkedHashMap<>();
        while (true) {
            boolean complete = true;
            for (Map.Entry<DemoParty, Set<Part>> entry : expected.entrySet()) {
                List<byte[]> inbox = titled(network.inbox(entry.getKey().noticeAddress()), NOTICE_SUBJECT);
                received.put(entry.getKey(), inbox);
                if (!entry.getValue().isEmpty() && inbox.isEmpty()) {
                    complete = false;
                }
            }
            if (complete) {
                Thread.sleep(2000);
                for (DemoParty party : expected.keySet()) {
                    received.put(party, titled(network.inbox(party.noticeAddress()), NOTICE_SUBJECT));
                }
                return received;
            }
            if (Instant.now().isAfter(deadline)) {
                out.accept("[check]    gave up waiting for notices after " + WAIT.toSeconds() + " s");
                return received;
            }
            Thread.sleep(500);
        }
    }

    /**
     * The operator sends samples in the demo: the analysts, and no one else, must have received
     * the attachment itself, sealed by the council, in a zip that opens with "infected" to the
     * exact bytes the employee forwarded.
     */
    private void checkSamples(DemoNetwork network, Set<DemoParty> parties, byte[] attachment, List<String> failures) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (titled(network.inbox(DemoParties.ANALYST.noticeAddress()), SAMPLES_SUBJECT).isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        String expectedSha256 = sha256(attachment);
        int before = failures.size();
        for (DemoParty party : parties) {
            List<byte[]> parcels = titled(network.inbox(party.noticeAddress()), SAMPLES_SUBJECT);
            String who = party.organisation().orElseThrow() + " <" + party.noticeAddress() + ">";
            if (party != DemoParties.ANALYST) {
                if (!parcels.isEmpty()) {
                    failures.add(who + " received " + parcels.size() + " samples parcel(s); only analysts may");
                }
                continue;
            }
            if (parcels.size() != 1) {
                failures.add(who + " received " + parcels.size() + " samples parcels instead of 1");
                continue;
            }
            try {
                SampleParcel parcel = new NoticeReader(network.pki()).readSamples(party, parcels.get(0));
                List<SampleZip.Unpacked> unpacked = SampleZip.unpack(parcel.zip(), attachment.length);
                if (unpacked.size() != 1 || !sha256(unpacked.get(0).bytes()).equals(expectedSha256)) {
                    failures.add(who + ": the samples zip does not hold the forwarded attachment");
                    continue;
                }
                out.accept("[samples]  " + who + ": the attachment itself, decrypted with its own key, council signature verified, "
                        + "zip opened with \"" + SampleZip.PASSWORD + "\": SHA-256 " + expectedSha256.substring(0, 16) + "… matches");
            } catch (Exception e) {
                failures.add(who + ": the samples parcel cannot be opened: " + e.getMessage());
            }
        }
        if (failures.size() == before) {
            out.accept("[samples]  no other organisation received samples");
        }
    }

    /** The mails of an inbox whose (neutral, outer) subject starts with {@code prefix}. */
    private static List<byte[]> titled(List<byte[]> inbox, String prefix) throws Exception {
        List<byte[]> matching = new ArrayList<>();
        for (byte[] raw : inbox) {
            MimeMessage message = new MimeMessage(MimeParts.session(), new ByteArrayInputStream(raw));
            if (HeaderText.first(message, "Subject").startsWith(prefix)) {
                matching.add(raw);
            }
        }
        return matching;
    }

    private static String acknowledgement(DemoNetwork network, Set<String> reportIds) throws Exception {
        for (byte[] raw : network.inbox(DemoParties.EMPLOYEE)) {
            MimeMessage message = new MimeMessage(MimeParts.session(), new ByteArrayInputStream(raw));
            String subject = HeaderText.first(message, "Subject");
            for (String id : reportIds) {
                if (subject.contains(id)) {
                    return subject;
                }
            }
        }
        return null;
    }

    private static String keys(Set<Part> parts) {
        return String.join(",", parts.stream().map(Part::key).toList());
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
