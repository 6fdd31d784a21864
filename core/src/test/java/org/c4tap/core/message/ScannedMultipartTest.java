package org.c4tap.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import org.c4tap.core.testing.Corpus;
import org.c4tap.core.testing.HostileCorpus;
import org.junit.jupiter.api.Test;

/**
 * Our boundary scan against Jakarta Mail's own parser, which it replaces for speed: on every
 * multipart of the hostile corpus and of the corpus of forwards, and on 20,000 generated bodies
 * made of the very things parsers disagree on (boundaries that overlap themselves, boundary lines
 * with trailing blanks, junk or a closing "--", every line ending and CR CR LF, lines of dashes,
 * missing headers and end boundaries, cut input), both give the same parts byte for byte, the
 * same preamble, completeness and count, or fail with the same message.
 */
class ScannedMultipartTest {

    private static final String[] BOUNDARIES = {"b1", "=_Part_0_1234.5678", "aaaa", "a", "-", "--", "ab-ab", "x x", "a\"b"};
    private static final String[] ENDINGS = {"\r\n", "\n", "\r", "\r\r\n", "\r\r", ""};

    @Test
    void generatedBodiesArePartedExactlyAsJakartaMailPartsThem() throws Exception {
        Random random = new Random(2026);
        int scanned = 0;
        for (int round = 0; round < 20_000; round++) {
            String boundary = BOUNDARIES[random.nextInt(BOUNDARIES.length)];
            byte[] body = body(random, boundary);
            String type = switch (random.nextInt(6)) {
                case 0 -> "multipart/mixed";
                case 1 -> "multipart/mixed; boundary=\"" + BOUNDARIES[random.nextInt(BOUNDARIES.length)].replace("\"", "\\\"") + "\"";
                default -> "multipart/mixed; boundary=\"" + boundary.replace("\"", "\\\"") + "\"";
            };
            byte[] header = ("Content-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            byte[] whole = java.util.Arrays.copyOf(header, header.length + body.length);
            System.arraycopy(body, 0, whole, header.length, body.length);
            MimeMessage message = new MimeMessage(MimeParts.session(), new SharedByteArrayInputStream(whole));
            assertSameParts(message, "round " + round + ", boundary " + boundary + ", " + type + ": "
                    + new String(body, StandardCharsets.ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n"));
            scanned++;
        }
        assertThat(scanned).isEqualTo(20_000);
    }

    @Test
    void everyMultipartOfTheHostileCorpusIsPartedAsJakartaMailPartsIt() throws Exception {
        int multiparts = 0;
        for (HostileCorpus.Case hostile : HostileCorpus.all()) {
            multiparts += compareTree(MimeParts.parse(hostile.submission()), hostile.toString(), 0);
        }
        assertThat(multiparts).as("multiparts compared").isGreaterThan(1000);
    }

    @Test
    void everyMultipartOfTheCorpusOfForwardsIsPartedAsJakartaMailPartsIt() throws Exception {
        int multiparts = 0;
        for (Corpus.Fixture fixture : Corpus.all()) {
            multiparts += compareTree(MimeParts.parse(fixture.submission()), fixture.name(), 0);
        }
        assertThat(multiparts).as("multiparts compared").isGreaterThan(10);
    }

    @Test
    void contentThatIsNotSharedBytesIsLeftToJakartaMail() throws Exception {
        byte[] body = "preamble\r\n--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII);
        ScannedMultipart multipart = new ScannedMultipart(new jakarta.mail.util.ByteArrayDataSource(body, "multipart/mixed; boundary=b"));
        assertThat(multipart.getCount()).isEqualTo(1);
        assertThat(multipart.getPreamble()).isEqualTo("preamble" + System.lineSeparator());
        assertThat(text(multipart.getBodyPart(0))).isEqualTo("hello");
    }

    /** Compares the multipart of {@code part} and of every part within it; returns how many were compared. */
    private static int compareTree(MimePart part, String name, int depth) throws Exception {
        if (depth > 40) {
            return 0;
        }
        String type;
        try {
            type = part.getContentType() == null ? "text/plain" : part.getContentType().toLowerCase(Locale.ROOT);
        } catch (MessagingException e) {
            return 0;
        }
        int compared = 0;
        if (type.startsWith("multipart/")) {
            MimeMultipart jakarta = assertSameParts(part, name);
            compared++;
            if (jakarta != null) {
                for (int i = 0; i < jakarta.getCount(); i++) {
                    compared += compareTree((MimePart) jakarta.getBodyPart(i), name + " / " + i, depth + 1);
                }
            }
        } else if (type.startsWith("message/rfc822") && part instanceof MimeBodyPart body) {
            byte[] raw;
            try (InputStream in = body.getRawInputStream()) {
                raw = in.readAllBytes();
            }
            compared += compareTree(new MimeMessage(MimeParts.session(), new SharedByteArrayInputStream(raw)), name + " / message", depth + 1);
        }
        return compared;
    }

    /** Jakarta Mail's multipart of {@code part}, after checking ours has the same parts; null when both fail alike. */
    private static MimeMultipart assertSameParts(MimePart part, String what) throws Exception {
        MimeMultipart jakarta = new MimeMultipart(new MimePartDataSource(part));
        ScannedMultipart ours = new ScannedMultipart(new MimePartDataSource(part));
        String expected = describe(jakarta);
        assertThat(describe(ours)).as(what).isEqualTo(expected);
        return expected.startsWith("failed") ? null : jakarta;
    }

    /** Everything a reader can learn of a multipart's parsing, as text. */
    private static String describe(MimeMultipart multipart) throws IOException {
        StringBuilder out = new StringBuilder();
        try {
            int count = multipart.getCount();
            out.append("parts ").append(count).append(", complete ").append(multipart.isComplete())
                    .append(", preamble ").append(multipart.getPreamble()).append('\n');
            for (int i = 0; i < count; i++) {
                BodyPart part = multipart.getBodyPart(i);
                ByteArrayOutputStream whole = new ByteArrayOutputStream();
                part.writeTo(whole);
                out.append("part ").append(i).append(": ").append(whole.toString(StandardCharsets.ISO_8859_1)).append("\n raw: ");
                try (InputStream raw = ((MimeBodyPart) part).getRawInputStream()) {
                    out.append(new String(raw.readAllBytes(), StandardCharsets.ISO_8859_1));
                }
                out.append('\n');
            }
        } catch (MessagingException | RuntimeException e) {
            // Jakarta Mail's header parser throws an unchecked exception on a first header line that is a continuation
            return "failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return out.toString();
    }

    /** A body of random lines, most of them the lines that decide where parts begin and end. */
    private static byte[] body(Random random, String boundary) {
        StringBuilder body = new StringBuilder();
        int lines = random.nextInt(14);
        for (int i = 0; i < lines; i++) {
            String ending = random.nextInt(4) == 0 ? ENDINGS[random.nextInt(ENDINGS.length)] : "\r\n";
            switch (random.nextInt(10)) {
                case 0, 1, 2 -> body.append("--").append(boundary).append(pick(random, "", "", "", " ", "\t ", "--", "-- trailer", "-x", "x", "--\r"));
                case 3 -> body.append("--").append(random.nextBoolean() ? boundary.substring(0, random.nextInt(boundary.length() + 1)) : "other");
                case 4 -> body.append("Content-Type: text/plain");
                case 5 -> body.append("");
                case 6 -> body.append(pick(random, "-----", "---", "--", "- -", "------------------------"));
                case 7 -> body.append(pick(random, "text", "a--", boundary, "x--" + boundary, " --" + boundary, "é"));
                case 8 -> body.append(pick(random, " ", "\t", ""));
                default -> body.append(randomText(random, boundary));
            }
            body.append(ending);
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (bytes.length > 0 && random.nextInt(5) == 0) {
            bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
        }
        return bytes;
    }

    private static String randomText(Random random, String boundary) {
        String alphabet = "ab-\r\n \t" + boundary;
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(20); i > 0; i--) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static String pick(Random random, String... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static String text(Part part) throws Exception {
        return new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
