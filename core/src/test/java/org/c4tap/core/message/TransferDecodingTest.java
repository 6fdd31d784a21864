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
