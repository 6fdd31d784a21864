package org.c4tap.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InPlaceMessageTest {

    private static final String REPORTED = "From: billing@invoice-center.example\r\nSubject: invoice\r\n\r\nplease pay\r\n";

    @Test
    void anAttachedMessageIsParsedOverTheCarriersOwnBytesNotACopy() throws Exception {
        byte[] carrier = carrier("message/rfc822", "", REPORTED);
        MimeBodyPart attached = attachedPart(MimeParts.parse(carrier));

        MimeMessage reported = InPlaceMessage.parse(attached, Long.MAX_VALUE).orElseThrow();
        assertThat(reported.getSubject()).isEqualTo("invoice");
        assertThat(body(reported)).isEqualTo("please pay\r\n");

        // the reported mail is a view of the carrier's bytes: change them, and it reads the change
        int at = new String(carrier, StandardCharsets.ISO_8859_1).indexOf("please pay");
        carrier[at] = 'P';
        assertThat(body(reported)).isEqualTo("Please pay\r\n");
    }

    @Test
    void whatNeedsRepairOrDecodingOrIsTooLargeIsLeftToTheCopyingPath() throws Exception {
        assertThat(inPlace("message/rfc822", "", REPORTED.replace("\r\n", "\n"), Long.MAX_VALUE)).as("bare LF").isEmpty();
        assertThat(inPlace("message/rfc822", "", "\uFEFF" + REPORTED, Long.MAX_VALUE)).as("byte-order mark").isEmpty();
        assertThat(inPlace("application/octet-stream", "Content-Transfer-Encoding: base64\r\n",
                java.util.Base64.getMimeEncoder().encodeToString(REPORTED.getBytes(StandardCharsets.US_ASCII)), Long.MAX_VALUE))
                .as("base64").isEmpty();
        assertThat(inPlace("application/octet-stream", "", "%PDF-1.7\r\nnot a mail\r\n", Long.MAX_VALUE)).as("not a mail").isEmpty();
        assertThat(inPlace("message/rfc822", "", REPORTED, REPORTED.length() - 1)).as("over the limit").isEmpty();
        assertThat(inPlace("message/rfc822", "", REPORTED, REPORTED.length())).as("at the limit").isPresent();
    }

    private static Optional<MimeMessage> inPlace(String type, String encodingHeader, String content, long maxBytes) throws Exception {
        return InPlaceMessage.parse(attachedPart(MimeParts.parse(carrier(type, encodingHeader, content))), maxBytes);
    }

    private static byte[] carrier(String type, String encodingHeader, String attached) {
        return ("From: taro@bank-a.example\r\nSubject: FW: invoice\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nplease check\r\n"
                + "--b\r\nContent-Type: " + type + "\r\n" + encodingHeader + "Content-Disposition: attachment; filename=\"original.eml\"\r\n\r\n"
                + attached + "\r\n--b--\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static MimeBodyPart attachedPart(MimeMessage carrier) throws Exception {
        return (MimeBodyPart) MimeParts.multipart(carrier).getBodyPart(1);
    }

    private static String body(MimeMessage message) throws Exception {
        try (var in = message.getRawInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
