package org.c4tap.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.c4tap.core.testing.Mails;
import org.junit.jupiter.api.Test;

class TransferDecodingTest {

    private static final String DAMAGE = "!=*\u0000 \t\r\n=é";

    @Test
    void aPartBuiltInMemoryIsReadAsItsContentThoughItsHeaderNamesAnEncoding() throws Exception {
        byte[] json = "{\"report_id\":\"C4TAP-20261204-7K3M9Q2XWD\"}".getBytes(StandardCharsets.UTF_8);
        jakarta.mail.internet.MimeBodyPart part = new jakarta.mail.internet.MimeBodyPart();
        part.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(json, "application/json")));
        part.setHeader("Content-Transfer-Encoding", "base64");
        assertThat(MimeParts.decodedBytes(part, 1024)).isEqualTo(json);
    }

    @Test
    void base64WithGarbageAndBrokenPaddingStillDecodesWhatIsThere() throws Exception {
        byte[] content = new byte[200_000];
        new Random(3).nextBytes(content);
        String clean = Base64.getMimeEncoder().encodeToString(content);
        String broken = clean.substring(0, 1000) + "!!\u0000**" + clean.substring(1000);
        MimeMessage message = message("base64", broken);
        try (TransferDecoding.Decoded decoded = TransferDecoding.open(message)) {
            assertThat(decoded.stream().readAllBytes()).isEqualTo(content);
            assertThat(decoded.stream().repairs()).isEqualTo(5);
        }
    }

    @Test
    void theDecodedSizeIsExactlyWhatDecodingGivesHoweverDamagedTheEncoding() throws Exception {
        Random random = new Random(11);
        for (int round = 0; round < 20; round++) {
            byte[] content = new byte[random.nextInt(300_000)];
            random.nextBytes(content);
            StringBuilder encoded = new StringBuilder(Base64.getMimeEncoder().encodeToString(content));
            for (int damage = random.nextInt(6); damage > 0; damage--) {
                int at = random.nextInt(encoded.length() + 1);
                encoded.insert(at, "!=*\u0000A=".charAt(random.nextInt(6)));
            }
            for (String encoding : new String[] {"base64", "quoted-printable", "8bit"}) {
                MimeMessage message = message(encoding, encoded.toString());
                byte[] decoded;
                try (TransferDecoding.Decoded stream = TransferDecoding.open(message)) {
                    decoded = stream.stream().readAllBytes();
                }
                assertThat(TransferDecoding.decodedSize(message)).as("%s, round %d", encoding, round).isEqualTo(decoded.length);
            }
        }
    }

    @Test
    void base64DecodesExactlyAsTheCharacterByCharacterRulesOnDamagedInput() throws Exception {
        // the decoder takes whole quanta four characters at a time; the rules are those of one character at a time
        Random random = new Random(17);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_";
        for (int round = 0; round < 300; round++) {
            byte[] content = new byte[random.nextInt(round < 20 ? 200_000 : 3_000)];
            random.nextBytes(content);
            StringBuilder encoded = new StringBuilder(random.nextBoolean() ? Base64.getMimeEncoder().encodeToString(content)
                    : Base64.getEncoder().encodeToString(content));
            for (int damage = random.nextInt(12); damage > 0 && !encoded.isEmpty(); damage--) {
                int at = random.nextInt(encoded.length() + 1);
                switch (random.nextInt(4)) {
                    case 0 -> encoded.insert(at, DAMAGE.charAt(random.nextInt(DAMAGE.length())));
                    case 1 -> encoded.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 2 -> encoded.deleteCharAt(Math.min(at, encoded.length() - 1));
                    default -> encoded.insert(at, "==\r\n");
                }
            }
            byte[] raw = encoded.toString().getBytes(StandardCharsets.ISO_8859_1);
            ReferenceBase64 expected = ReferenceBase64.decode(raw);
            MimeMessage message = message("base64", encoded.toString());
            try (TransferDecoding.Decoded decoded = TransferDecoding.open(message)) {
                byte[] bytes = decoded.stream().readAllBytes();
                // the message's own line ending is not in what the reference is given
                assertThat(bytes).as("round %d", round).isEqualTo(expected.bytes());
                assertThat(decoded.stream().repairs()).as("round %d", round).isEqualTo(expected.repairs());
            }
        }
    }

    /** Base64 by the decoder's rules, one character at a time over the whole input. */
    private record ReferenceBase64(byte[] bytes, long repairs) {
        static ReferenceBase64 decode(byte[] raw) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int buffer = 0;
            int bits = 0;
            boolean padding = false;
            long repairs = 0;
            for (byte b : raw) {
                int c = b & 0xff;
                int value = c >= 'A' && c <= 'Z' ? c - 'A' : c >= 'a' && c <= 'z' ? c - 'a' + 26 : c >= '0' && c <= '9' ? c - '0' + 52
                        : c == '+' || c == '-' ? 62 : c == '/' || c == '_' ? 63 : c == '=' ? -2
                        : c == '\r' || c == '\n' || c == ' ' || c == '\t' ? -3 : -1;
                if (value >= 0) {
                    if (padding) {
                        repairs++;
                        padding = false;
                        bits = 0;
                    }
                    buffer = buffer << 6 | value;
                    bits += 6;
                    if (bits >= 8) {
                        bits -= 8;
                        out.write(buffer >> bits);
                    }
                } else if (value == -2) {
                    padding = true;
                } else if (value == -1) {
                    repairs++;
                }
            }
            if (bits == 6) {
                repairs++;
            }
            return new ReferenceBase64(out.toByteArray(), repairs);
        }
    }

    @Test
    void quotedPrintableWithBrokenEscapesKeepsThem() throws Exception {
        MimeMessage message = message("quoted-printable", "caf=C3=A9 =ZZ soft=\r\nbreak =4");
        try (TransferDecoding.Decoded decoded = TransferDecoding.open(message)) {
            assertThat(new String(decoded.stream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("café =ZZ softbreak =4");
            assertThat(decoded.stream().repairs()).isEqualTo(2);
        }
    }

    @Test
    void unknownEncodingsReadAsBinary() throws Exception {
        MimeMessage message = message("x-made-up", "plain bytes");
        try (TransferDecoding.Decoded decoded = TransferDecoding.open(message)) {
            assertThat(new String(decoded.stream().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("plain bytes");
        }
    }

    @Test
    void messageBytesLoseTheirBomAndGetCrlf() {
        byte[] lf = "\uFEFFFrom: a@b.example\nSubject: x\n\nbody\n".getBytes(StandardCharsets.UTF_8);
        assertThat(new String(MessageBytes.normalise(lf), StandardCharsets.UTF_8)).isEqualTo("From: a@b.example\r\nSubject: x\r\n\r\nbody\r\n");
        assertThat(MessageBytes.looksLikeMessage(lf)).isTrue();
        assertThat(MessageBytes.looksLikeMessage("%PDF-1.7".getBytes(StandardCharsets.US_ASCII))).isFalse();
    }

    private static MimeMessage message(String encoding, String body) throws Exception {
        return Mails.parse(("Subject: t\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: " + encoding
                + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
    }
}
