package org.c4tap.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Calendar;
import org.apache.poi.hsmf.MAPIMessage;
import org.apache.poi.hsmf.datatypes.AttachmentChunks;
import org.apache.poi.hsmf.exceptions.ChunkNotFoundException;
import org.junit.jupiter.api.Test;

/** POI's own .msg reader (HSMF) reads what {@link MsgFiles} writes, so the fixtures are real .msg files. */
class MsgFilesTest {

    private static final Instant DATE = Instant.parse("2026-11-02T01:23:45Z");
    private static final String RTF = "{\\rtf1\\ansi\\ansicpg1252\\fromhtml1 \\deff0{\\fonttbl{\\f0\\fswiss Arial;}}"
            + "{\\*\\htmltag64}{\\*\\htmltag0 <html><body>}Hello RTF{\\*\\htmltag0 </body></html>}}";

    @Test
    void hsmfReadsHeaderFieldsBodiesAndRecipients() throws IOException, ChunkNotFoundException {
        byte[] msg = MsgFiles.builder()
                .subject("【至急】請求書の確認")
                .from("経理部 山田", "yamada@evil.example")
                .to("佐藤 花子", "sato@bank.example")
                .cc("Audit", "audit@bank.example")
                .date(DATE)
                .messageId("<attack-1@evil.example>")
                .transportHeaders("Received: from mx.evil.example\r\nSubject: x\r\n")
                .textBody("本文です")
                .htmlBody("<p>本文です</p>")
                .rtfBody(RTF)
                .build();

        MAPIMessage message = new MAPIMessage(new ByteArrayInputStream(msg));

        assertThat(message.getSubject()).isEqualTo("【至急】請求書の確認");
        assertThat(message.getDisplayFrom()).isEqualTo("経理部 山田");
        assertThat(message.getDisplayTo()).isEqualTo("佐藤 花子");
        assertThat(message.getDisplayCC()).isEqualTo("Audit");
        assertThat(message.getRecipientEmailAddressList()).containsExactly("sato@bank.example", "audit@bank.example");
        assertThat(message.getTextBody()).isEqualTo("本文です");
        assertThat(message.getHtmlBody()).isEqualTo("<p>本文です</p>");
        assertThat(message.getRtfBody()).isEqualTo(RTF);
        assertThat(message.getHeaders()).containsExactly("Received: from mx.evil.example", "Subject: x");
        assertThat(message.getMainChunks().getMessageId().getValue()).isEqualTo("<attack-1@evil.example>");
        Calendar date = message.getMessageDate();
        assertThat(date.toInstant()).isEqualTo(DATE);
        assertThat(message.getMainChunks().getAll().keySet()).anyMatch(property -> property.id == 0x5D01);
    }

    @Test
    void hsmfReadsAttachmentsAndAnEmbeddedMessage() throws IOException, ChunkNotFoundException {
        byte[] zip = {0x50, 0x4B, 0x03, 0x04, 1, 2, 3};
        byte[] msg = MsgFiles.builder()
                .subject("outer")
                .attachment("請求書_2026年11月.zip", "application/zip", zip)
                .embedded(MsgFiles.builder().subject("inner").textBody("inner body").attachment("a.txt", "hi".getBytes(StandardCharsets.US_ASCII)))
                .build();

        AttachmentChunks[] attachments = new MAPIMessage(new ByteArrayInputStream(msg)).getAttachmentFiles();

        assertThat(attachments).hasSize(2);
        assertThat(attachments[0].getAttachLongFileName().getValue()).isEqualTo("請求書_2026年11月.zip");
        assertThat(attachments[0].getAttachMimeTag().getValue()).isEqualTo("application/zip");
        assertThat(attachments[0].getAttachData().getValue()).isEqualTo(zip);
        assertThat(attachments[1].isEmbeddedMessage()).isTrue();
        MAPIMessage inner = attachments[1].getEmbeddedMessage();
        assertThat(inner.getSubject()).isEqualTo("inner");
        assertThat(inner.getTextBody()).isEqualTo("inner body");
        assertThat(inner.getAttachmentFiles()[0].getAttachData().getValue()).isEqualTo("hi".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void hsmfReadsEightBitStringsInTheRecordedCodepage() throws IOException, ChunkNotFoundException {
        byte[] msg = MsgFiles.builder().ansi(932).subject("【至急】請求書").build();

        MAPIMessage message = new MAPIMessage(new ByteArrayInputStream(msg));
        message.set7BitEncoding("windows-31j");

        assertThat(message.has7BitEncodingStrings()).isTrue();
        assertThat(message.getSubject()).isEqualTo("【至急】請求書");
    }
}
