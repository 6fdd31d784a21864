package org.c4tap.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.c4tap.core.testing.Mails;
import org.junit.jupiter.api.Test;

class TransferDecodingTest {

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
