package org.c4tap.core.outlook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.c4tap.core.testing.MsgFiles;
import org.junit.jupiter.api.Test;

class OutlookMessageReaderTest {

    private static final OutlookMessageReader READER = new OutlookMessageReader(OutlookLimits.STANDARD);
    private static final Instant SENT = Instant.parse("2026-11-02T01:23:45Z");
    private static final String HEADERS = """
            Received: from mx1.evil.example (mx1.evil.example [203.0.113.7])\r
            \tby mx.bank.example with ESMTPS id 4Xy; Mon, 2 Nov 2026 10:23:40 +0900\r
            Authentication-Results: mx.bank.example; spf=fail smtp.mailfrom=evil.example; dkim=none\r
            From: =?UTF-8?B?57WM55CG6YOoIOWxseeUsA==?= <yamada@evil.example>\r
            Subject: =?UTF-8?B?44CQ6Iez5oCl44CR6KuL5rGC5pu444Gu56K66KqN?=\r
            """;
    private static final byte[] INVOICE_ZIP = bytes(3000, 1);
    private static final byte[] MACRO_DOC = bytes(70_000, 2);

    @Test
    void readsAReportedMessageWithJapaneseTextAttachmentsAndAnAttachedMessage() {
        byte[] msg = MsgFiles.builder()
                .subject("【至急】請求書の確認")
                .fromExchange("経理部 山田", "/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP/CN=RECIPIENTS/CN=YAMADA", "yamada@evil.example")
                .to("佐藤 花子", "sato@bank.example")
                .to("", "kaikei@bank.example")
                .cc("Audit, Team", "audit@bank.example")
                .bcc("Hidden", "hidden@bank.example")
                .date(SENT)
                .messageId("<attack-1@evil.example>")
                .transportHeaders(HEADERS)
                .textBody("お世話になっております。\r\n添付の請求書をご確認ください。")
                .htmlBody("<html><body><p>添付の<b>請求書</b>をご確認ください。</p></body></html>")
                .attachment("請求書_2026年11月.zip", "application/zip", INVOICE_ZIP)
                .attachment("見積書.docm", MACRO_DOC)
                .embedded(MsgFiles.builder()
                        .subject("RE: お見積り")
                        .from("Tanaka", "tanaka@partner.example")
                        .to("経理部 山田", "yamada@evil.example")
                        .textBody("inner")
                        .attachment("note.txt", "text/plain", "hello".getBytes(StandardCharsets.US_ASCII)))
                .build();

        OutlookMessage message = READER.read(msg);

        assertThat(message.notes()).isEmpty();
        assertThat(message.subject()).isEqualTo("【至急】請求書の確認");
        assertThat(message.from()).isEqualTo(new OutlookMailbox("経理部 山田", "yamada@evil.example"));
        assertThat(message.from().formatted()).isEqualTo("経理部 山田 <yamada@evil.example>");
        assertThat(message.to()).containsExactly("佐藤 花子 <sato@bank.example>", "kaikei@bank.example");
        assertThat(message.cc()).containsExactly("\"Audit, Team\" <audit@bank.example>");
        assertThat(message.date()).isEqualTo("Mon, 2 Nov 2026 01:23:45 +0000");
        assertThat(message.messageId()).isEqualTo("<attack-1@evil.example>");
        assertThat(message.transportHeaders()).isEqualTo(HEADERS);
        assertThat(message.transportHeaders()).contains("\r\nAuthentication-Results: mx.bank.example; spf=fail");
        assertThat(message.textBody()).isEqualTo("お世話になっております。\r\n添付の請求書をご確認ください。");
        assertThat(message.htmlBody()).isEqualTo("<html><body><p>添付の<b>請求書</b>をご確認ください。</p></body></html>");

        assertThat(message.attachments()).hasSize(3);
        OutlookAttachment.File invoice = (OutlookAttachment.File) message.attachments().get(0);
        assertThat(invoice.filename()).isEqualTo("請求書_2026年11月.zip");
        assertThat(invoice.mimeType()).isEqualTo("application/zip");
        assertThat(sha256(invoice.content())).isEqualTo(sha256(INVOICE_ZIP));
        OutlookAttachment.File document = (OutlookAttachment.File) message.attachments().get(1);
        assertThat(document.filename()).isEqualTo("見積書.docm");
        assertThat(document.size()).isEqualTo(70_000);
        assertThat(sha256(document.content())).isEqualTo(sha256(MACRO_DOC));

        OutlookAttachment.Embedded attached = (OutlookAttachment.Embedded) message.attachments().get(2);
        OutlookMessage inner = attached.message().orElseThrow();
        assertThat(inner.subject()).isEqualTo("RE: お見積り");
        assertThat(inner.from().formatted()).isEqualTo("Tanaka <tanaka@partner.example>");
        assertThat(inner.to()).containsExactly("経理部 山田 <yamada@evil.example>");
        assertThat(inner.textBody()).isEqualTo("inner");
        assertThat(inner.date()).isEmpty();
        assertThat(inner.attachments()).containsExactly(
                new OutlookAttachment.File("note.txt", "text/plain", "hello".getBytes(StandardCharsets.US_ASCII)));
        assertThat(inner.notes()).isEmpty();
    }

    @Test
    void aMessageWithoutTransportHeadersHasNone() {
        OutlookMessage message = READER.read(MsgFiles.builder().subject("s").from("A", "a@example.org").textBody("t").build());

        assertThat(message.transportHeaders()).isEmpty();
        assertThat(message.subject()).isEqualTo("s");
        assertThat(message.htmlBody()).isEmpty();
        assertThat(message.attachments()).isEmpty();
        assertThat(message.notes()).isEmpty();
    }

    @Test
    void anExchangeSenderWithoutSmtpAddressKeepsOnlyTheName() {
        OutlookMessage message = READER.read(MsgFiles.builder()
                .fromExchange("社内 太郎", "/O=BANK/OU=FIRST ADMINISTRATIVE GROUP/CN=RECIPIENTS/CN=TARO", null).build());

        assertThat(message.from()).isEqualTo(new OutlookMailbox("社内 太郎", ""));
        assertThat(message.from().formatted()).isEqualTo("社内 太郎");
    }

    @Test
    void eightBitStringsAreReadInTheRecordedCodepage() {
        OutlookMessage message = READER.read(MsgFiles.builder().ansi(932)
                .subject("【至急】㈱ご請求①").from("経理部", "keiri@evil.example").to("佐藤", "sato@bank.example")
                .textBody("本文").attachment("請求書.zip", INVOICE_ZIP).build());

        assertThat(message.subject()).isEqualTo("【至急】㈱ご請求①");
        assertThat(message.from().formatted()).isEqualTo("経理部 <keiri@evil.example>");
        assertThat(message.to()).containsExactly("佐藤 <sato@bank.example>");
        assertThat(message.textBody()).isEqualTo("本文");
        assertThat(message.attachments()).extracting(OutlookAttachment::filename).containsExactly("請求書.zip");
        assertThat(message.notes()).isEmpty();
    }

    @Test
    void htmlEncapsulatedInTheRtfBodyIsRecoveredWhenThereIsNoHtmlProperty() {
        String rtf = "{\\rtf1\\ansi\\ansicpg932\\fromhtml1 \\deff0{\\fonttbl{\\f0\\fswiss\\fcharset0 Arial;}"
                + "{\\f1\\fmodern\\fcharset128 MS Gothic;}}{\\colortbl\\red0\\green0\\blue0;}\r\n"
                + "\\uc1\\pard\\plain\\f0\\fs20 {\\*\\htmltag64}{\\*\\htmltag19 <html>}{\\*\\htmltag34 <head>}"
                + "{\\*\\htmltag161 <title>}{\\*\\htmltag171 </title>}{\\*\\htmltag41 </head>}"
                + "{\\*\\htmltag50 <body style=\"font:10pt\">}\\htmlrtf {\\htmlrtf0 "
                + "{\\*\\htmltag84 <p>}\\htmlrtf {\\htmlrtf0 \\f1 \\'90\\'bf\\'8b\\'81\\'8f\\'91\\f0  \\{x\\} "
                + "\\u12354?\\u12356?\\htmlrtf \\par\\htmlrtf0 {\\*\\htmltag92 <a href=\"http://evil.example/?a=1&amp;b=2\">}"
                + "link{\\*\\htmltag92 </a>}\\htmlrtf }\\htmlrtf0 {\\*\\htmltag92 </p>}\\htmlrtf }\\htmlrtf0 "
                + "{\\*\\mhtmltag84 <p>}{\\*\\htmltag58 </body>}{\\*\\htmltag27 </html>}}";
        OutlookMessage message = READER.read(MsgFiles.builder().subject("rtf").textBody("plain").rtfBody(rtf).build());

        assertThat(message.htmlBody()).isEqualTo("<html><head><title></title></head><body style=\"font:10pt\">"
                + "<p>請求書 {x} あい<a href=\"http://evil.example/?a=1&amp;b=2\">link</a></p></body></html>");
        assertThat(message.textBody()).isEqualTo("plain");
        assertThat(message.notes()).isEmpty();
    }

    @Test
    void rtfNotMadeFromHtmlGivesNoHtmlAndKeepsTheText() {
        String rtf = "{\\rtf1\\ansi\\ansicpg1252\\fromtext \\deff0{\\fonttbl{\\f0 Courier;}}\\f0 plain text\\par}";
        OutlookMessage message = READER.read(MsgFiles.builder().textBody("plain text").rtfBody(rtf).build());

        assertThat(message.htmlBody()).isEmpty();
        assertThat(message.textBody()).isEqualTo("plain text");
        assertThat(message.notes()).isEmpty();
    }

    @Test
    void attachmentsPastTheLimitAreLeftUnreadWithANote() {
        MsgFiles.Builder builder = MsgFiles.builder().subject("many");
        IntStream.range(0, 5).forEach(i -> builder.attachment("file" + i + ".bin", new byte[] {(byte) i}));
        OutlookMessageReader reader = new OutlookMessageReader(new OutlookLimits(1 << 20, 3, 5, 1 << 20));

        OutlookMessage message = reader.read(builder.build());

        assertThat(message.attachments()).extracting(OutlookAttachment::filename)
                .containsExactly("file0.bin", "file1.bin", "file2.bin");
        assertThat(message.notes()).containsExactly(new OutlookNote(OutlookNote.Kind.LIMIT_EXCEEDED,
                "more than 3 attachments in the file; 2 of this message's 5 were not read"));
    }

    @Test
    void attachedMessagesCountTowardsTheAttachmentLimit() {
        byte[] msg = MsgFiles.builder()
                .attachment("outer.bin", new byte[] {1})
                .embedded(MsgFiles.builder().subject("inner").attachment("inner1.bin", new byte[] {2})
                        .attachment("inner2.bin", new byte[] {3}))
                .build();

        OutlookMessage message = new OutlookMessageReader(new OutlookLimits(1 << 20, 3, 5, 1 << 20)).read(msg);

        OutlookMessage inner = ((OutlookAttachment.Embedded) message.attachments().get(1)).message().orElseThrow();
        assertThat(inner.attachments()).extracting(OutlookAttachment::filename).containsExactly("inner1.bin");
        assertThat(inner.notes()).containsExactly(new OutlookNote(OutlookNote.Kind.LIMIT_EXCEEDED,
                "more than 3 attachments in the file; 1 of this message's 2 were not read"));
        assertThat(message.notes()).isEmpty();
    }

    @Test
    void attachedMessagesNestedPastTheDepthLimitAreNotRead() {
        MsgFiles.Builder innermost = MsgFiles.builder().subject("depth 3");
        MsgFiles.Builder middle = MsgFiles.builder().subject("depth 2").embedded(innermost);
        byte[] msg = MsgFiles.builder().subject("depth 0").embedded(MsgFiles.builder().subject("depth 1").embedded(middle)).build();

        OutlookMessage message = new OutlookMessageReader(new OutlookLimits(1 << 20, 10, 2, 1 << 20)).read(msg);

        OutlookMessage depth1 = ((OutlookAttachment.Embedded) message.attachments().get(0)).message().orElseThrow();
        OutlookMessage depth2 = ((OutlookAttachment.Embedded) depth1.attachments().get(0)).message().orElseThrow();
        assertThat(depth2.subject()).isEqualTo("depth 2");
        assertThat(depth2.attachments()).containsExactly(new OutlookAttachment.Embedded("", "", Optional.empty()));
        assertThat(depth2.notes()).containsExactly(new OutlookNote(OutlookNote.Kind.LIMIT_EXCEEDED,
                "attachment 1: an attached message nested deeper than 2 levels; not read"));
    }

    @Test
    void longPropertiesAreCutAtThePropertyLimit() {
        byte[] msg = MsgFiles.builder().subject("短い").textBody("あ".repeat(100)).build();

        OutlookMessage message = new OutlookMessageReader(new OutlookLimits(1 << 20, 10, 2, 21)).read(msg);

        assertThat(message.subject()).isEqualTo("短い");
        assertThat(message.textBody()).isEqualTo("あ".repeat(10));
        assertThat(message.notes()).containsExactly(new OutlookNote(OutlookNote.Kind.LIMIT_EXCEEDED,
                "message property 1000001F: 200 bytes, kept the first 21"));
    }

    @Test
    void aFileOverTheInputLimitIsNotRead() {
        byte[] msg = MsgFiles.builder().subject("s").build();

        OutlookMessage message = new OutlookMessageReader(new OutlookLimits(1000, 10, 2, 100)).read(msg);

        assertThat(message).isEqualTo(OutlookMessage.unread(List.of(new OutlookNote(OutlookNote.Kind.LIMIT_EXCEEDED,
                "the input has " + msg.length + " bytes, more than the limit of 1000"))));
    }

    @Test
    void anEmptyInputIsNoted() {
        assertThat(READER.read(new byte[0])).isEqualTo(OutlookMessage.unread(List.of(
                new OutlookNote(OutlookNote.Kind.MSG_UNREADABLE, "the input is empty"))));
    }

    @Test
    void randomBytesAreNotAMessage() {
        byte[] noise = new byte[10_000];
        new Random(7).nextBytes(noise);

        assertThat(READER.read(noise)).isEqualTo(OutlookMessage.unread(List.of(
                new OutlookNote(OutlookNote.Kind.MSG_UNREADABLE, "not an OLE2 compound file"))));
    }

    @Test
    void aCompoundFileThatIsNoMessageIsNoted() throws IOException {
        byte[] word;
        try (POIFSFileSystem fileSystem = new POIFSFileSystem()) {
            fileSystem.createDocument(new ByteArrayInputStream(new byte[600]), "WordDocument");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            fileSystem.writeFilesystem(out);
            word = out.toByteArray();
        }

        assertThat(READER.read(word)).isEqualTo(OutlookMessage.unread(List.of(
                new OutlookNote(OutlookNote.Kind.MSG_UNREADABLE, "the compound file holds no Outlook message"))));
    }

    @Test
    void aHeaderClaimingAHugeAllocationTableIsRefusedBeforePoifsReservesMemory() {
        byte[] msg = MsgFiles.builder().subject("s").attachment("a.bin", INVOICE_ZIP).build();
        ByteBuffer.wrap(msg).order(ByteOrder.LITTLE_ENDIAN).putInt(44, 3_000_000);

        assertThat(READER.read(msg)).isEqualTo(OutlookMessage.unread(List.of(new OutlookNote(
                OutlookNote.Kind.MSG_UNREADABLE, "the allocation table declares far more sectors than the file holds"))));
    }

    @Test
    void streamsSharingSectorsCannotMakeTheReaderCopyMoreThanTheFileHolds() {
        byte[] big = bytes(40_000, 3);
        byte[] msg = MsgFiles.builder().attachment("a.bin", big).attachment("b.bin", new byte[] {1})
                .attachment("c.bin", new byte[] {2}).build();
        List<Integer> dataEntries = directoryEntries(msg, "__substg1.0_37010102");
        ByteBuffer buffer = ByteBuffer.wrap(msg).order(ByteOrder.LITTLE_ENDIAN);
        int bigEntry = dataEntries.stream().filter(at -> buffer.getInt(at + 120) == big.length).findFirst().orElseThrow();
        for (int entry : dataEntries) {
            buffer.putInt(entry + 116, buffer.getInt(bigEntry + 116));
            buffer.putInt(entry + 120, big.length);
        }

        OutlookMessage message = READER.read(msg);

        assertThat(message.attachments()).hasSize(1);
        assertThat(((OutlookAttachment.File) message.attachments().get(0)).content()).isEqualTo(big);
        assertThat(message.notes()).containsExactly(
                new OutlookNote(OutlookNote.Kind.LIMIT_EXCEEDED,
                        "attachment 2 property 37010102: 40000 bytes, more than the file has left for its streams; not read"),
                new OutlookNote(OutlookNote.Kind.LIMIT_EXCEEDED,
                        "attachment 3 property 37010102: 40000 bytes, more than the file has left for its streams; not read"));
    }

    @Test
    void aTruncatedMessageIsReadAsFarAsItGoesAndNoted() {
        byte[] msg = reportedMessage();
        Random random = new Random(20261102);

        for (int i = 0; i < 20; i++) {
            int length = 1 + random.nextInt(msg.length - 1);
            byte[] truncated = Arrays.copyOf(msg, length);

            OutlookMessage message = READER.read(truncated);

            assertThat(message.notes()).as("cut at %d of %d", length, msg.length)
                    .extracting(OutlookNote::kind).contains(OutlookNote.Kind.MSG_TRUNCATED);
        }
    }

    @Test
    void aFileCutInsideItsHeaderIsNoted() {
        assertThat(READER.read(Arrays.copyOf(reportedMessage(), 300))).isEqualTo(OutlookMessage.unread(List.of(
                new OutlookNote(OutlookNote.Kind.MSG_TRUNCATED, "the compound file header is incomplete"))));
    }

    @Test
    void aMessageCutInsideItsLastSectorStillGivesWhatItHolds() {
        byte[] msg = reportedMessage();

        OutlookMessage message = READER.read(Arrays.copyOf(msg, msg.length - 100));

        // The last sector is the directory's, and the cut takes only unused entries of it.
        assertThat(message.subject()).isEqualTo("【至急】請求書の確認");
        assertThat(message.transportHeaders()).isEqualTo(HEADERS);
        assertThat(message.attachments()).extracting(OutlookAttachment::filename)
                .containsExactly("請求書_2026年11月.zip", "見積書.docm", "");
        assertThat(message.notes()).containsExactly(new OutlookNote(OutlookNote.Kind.MSG_TRUNCATED,
                "the file has " + (msg.length - 100) + " bytes; the sectors it allocates end at " + msg.length));
    }

    @Test
    void anAttachmentWhoseSectorsAreMissingIsNotedAndTheRestIsRead() {
        byte[] msg = reportedMessage();
        ByteBuffer buffer = ByteBuffer.wrap(msg).order(ByteOrder.LITTLE_ENDIAN);
        int documentData = directoryEntries(msg, "__substg1.0_37010102").stream()
                .filter(at -> buffer.getInt(at + 120) == MACRO_DOC.length).findFirst().orElseThrow();
        buffer.putInt(documentData + 116, 0x00FFFFF0);

        OutlookMessage message = READER.read(msg);

        assertThat(message.subject()).isEqualTo("【至急】請求書の確認");
        assertThat(message.transportHeaders()).isEqualTo(HEADERS);
        assertThat(message.attachments()).extracting(OutlookAttachment::filename).containsExactly("請求書_2026年11月.zip", "");
        assertThat(message.notes()).containsExactly(new OutlookNote(OutlookNote.Kind.ATTACHMENT_UNREADABLE,
                "attachment 2 property 37010102 could not be read (IndexOutOfBoundsException)"));
    }

    @Test
    void flippedBytesNeverMakeTheReaderThrow() {
        byte[] msg = reportedMessage();
        Random random = new Random(42);

        for (int i = 0; i < 200; i++) {
            byte[] corrupt = msg.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                int at = random.nextInt(corrupt.length);
                corrupt[at] ^= (byte) (1 + random.nextInt(255));
            }
            assertThatNoException().isThrownBy(() -> READER.read(corrupt));
        }
    }

    @Test
    void flippedStructureBytesAreNoted() {
        byte[] msg = reportedMessage();
        byte[] signature = msg.clone();
        signature[3] ^= 0x40;
        byte[] sectorShift = msg.clone();
        sectorShift[30] = 10;
        byte[] directoryStart = msg.clone();
        ByteBuffer.wrap(directoryStart).order(ByteOrder.LITTLE_ENDIAN).putInt(48, 0x7FFFFFF0);

        assertThat(READER.read(signature).notes()).containsExactly(
                new OutlookNote(OutlookNote.Kind.MSG_UNREADABLE, "not an OLE2 compound file"));
        assertThat(READER.read(sectorShift).notes()).containsExactly(
                new OutlookNote(OutlookNote.Kind.MSG_UNREADABLE, "the compound file header is invalid"));
        assertThat(READER.read(directoryStart).notes()).extracting(OutlookNote::kind)
                .containsExactly(OutlookNote.Kind.MSG_UNREADABLE);
    }

    @Test
    void storagesNestedDeeplyEnoughToOverflowPoifsAreNoted() throws Exception {
        byte[] nested;
        try (POIFSFileSystem fileSystem = new POIFSFileSystem()) {
            DirectoryEntry directory = fileSystem.getRoot();
            for (int i = 0; i < 4000; i++) {
                directory = directory.createDirectory("d");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            fileSystem.writeFilesystem(out);
            nested = out.toByteArray();
        }
        AtomicReference<OutlookMessage> read = new AtomicReference<>();
        // A small stack makes the overflow certain whatever stack size the test JVM has.
        Thread reader = new Thread(null, () -> read.set(READER.read(nested)), "small stack", 256 * 1024);
        reader.start();
        reader.join();

        assertThat(read.get()).isEqualTo(OutlookMessage.unread(List.of(
                new OutlookNote(OutlookNote.Kind.MSG_UNREADABLE, "the compound file's directory nests too deeply"))));
    }

    private static byte[] reportedMessage() {
        return MsgFiles.builder()
                .subject("【至急】請求書の確認")
                .from("経理部 山田", "yamada@evil.example")
                .to("佐藤 花子", "sato@bank.example")
                .date(SENT)
                .transportHeaders(HEADERS)
                .textBody("本文")
                .htmlBody("<p>本文</p>")
                .attachment("請求書_2026年11月.zip", INVOICE_ZIP)
                .attachment("見積書.docm", MACRO_DOC)
                .embedded(MsgFiles.builder().subject("inner").attachment("x.txt", new byte[] {1, 2, 3}))
                .build();
    }

    /** The offsets of the compound file directory entries named {@code name} (512-byte sectors). */
    private static List<Integer> directoryEntries(byte[] file, String name) {
        byte[] encoded = name.getBytes(StandardCharsets.UTF_16LE);
        return IntStream.iterate(512, at -> at + 128 <= file.length, at -> at + 128)
                .filter(at -> Arrays.equals(file, at, at + encoded.length, encoded, 0, encoded.length))
                .boxed()
                .toList();
    }

    private static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
