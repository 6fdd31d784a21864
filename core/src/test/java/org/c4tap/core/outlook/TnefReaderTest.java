package org.c4tap.core.outlook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.apache.poi.hmef.attribute.TNEFAttribute;
import org.assertj.core.groups.Tuple;
import org.c4tap.core.testing.TnefFiles;
import org.junit.jupiter.api.Test;

class TnefReaderTest {

    private static final TnefReader READER = new TnefReader(OutlookLimits.STANDARD);
    private static final byte[] INVOICE_ZIP = bytes(5000, 1);
    private static final byte[] ESTIMATE_DOC = bytes(1200, 2);

    @Test
    void readsBodiesAndAttachmentsWithJapaneseNames() {
        byte[] tnef = TnefFiles.builder()
                .oemCodepage(932)
                .body("お世話になっております。")
                .html("<p>添付をご確認ください</p>")
                .attachment("SEIKYU~1.ZIP", "請求書_2026年11月.zip", "application/zip", INVOICE_ZIP)
                .attachment("見積書.doc", null, null, ESTIMATE_DOC)
                .build();

        TnefContents contents = READER.read(tnef);

        assertThat(contents.notes()).isEmpty();
        assertThat(contents.textBody()).isEqualTo("お世話になっております。");
        assertThat(contents.htmlBody()).isEqualTo("<p>添付をご確認ください</p>");
        assertThat(contents.attachments()).extracting(OutlookAttachment::filename, OutlookAttachment::mimeType)
                .containsExactly(Tuple.tuple("請求書_2026年11月.zip", "application/zip"),
                        Tuple.tuple("見積書.doc", ""));
        assertThat(sha256(contents.attachments().get(0).content())).isEqualTo(sha256(INVOICE_ZIP));
        assertThat(sha256(contents.attachments().get(1).content())).isEqualTo(sha256(ESTIMATE_DOC));
    }

    @Test
    void theUnicodeBodyPropertyIsPreferredAndRtfGivesTheHtml() {
        byte[] tnef = TnefFiles.builder()
                .body("8-bit body")
                .mapiBody("本文（Unicode）")
                .rtf("{\\rtf1\\ansi\\ansicpg932\\fromhtml1 {\\fonttbl{\\f0\\fcharset128 MS Gothic;}}\\f0 "
                        + "{\\*\\htmltag0 <p>}\\'90\\'bf\\'8b\\'81\\u26360?{\\*\\htmltag0 </p>}}")
                .build();

        TnefContents contents = READER.read(tnef);

        assertThat(contents).isEqualTo(new TnefContents("本文（Unicode）", "<p>請求書</p>", List.of(), List.of()));
    }

    @Test
    void aTruncatedStreamKeepsWhatPrecedesTheCutAndIsNoted() {
        byte[] tnef = sample();
        List<Integer> boundaries = attributeOffsets(tnef);
        Random random = new Random(20261102);
        int cuts = 0;
        while (cuts < 20) {
            int length = 6 + random.nextInt(tnef.length - 6);
            // A cut between attributes cannot be seen: TNEF has neither a length nor an end mark.
            if (boundaries.contains(length)) {
                continue;
            }
            cuts++;

            TnefContents contents = READER.read(Arrays.copyOf(tnef, length));

            assertThat(contents.notes()).as("cut at %d", length).extracting(OutlookNote::kind)
                    .contains(OutlookNote.Kind.TNEF_TRUNCATED);
            assertThat(contents.attachments()).allSatisfy(file -> assertThat(file.content()).isIn(INVOICE_ZIP, ESTIMATE_DOC));
        }
    }

    @Test
    void aStreamCutInsideTheSecondAttachmentKeepsTheFirst() {
        byte[] tnef = sample();
        int secondData = attributeOffsets(tnef).stream().filter(at -> id(tnef, at) == 0x800F).skip(1).findFirst().orElseThrow();

        TnefContents contents = READER.read(Arrays.copyOf(tnef, secondData + 20));

        assertThat(contents.textBody()).isEqualTo("body");
        assertThat(contents.attachments()).extracting(OutlookAttachment::filename).containsExactly("請求書_2026年11月.zip");
        assertThat(contents.notes()).containsExactly(
                new OutlookNote(OutlookNote.Kind.TNEF_TRUNCATED, "the stream ends inside attribute 11"),
                new OutlookNote(OutlookNote.Kind.ATTACHMENT_UNREADABLE, "attachment 2: no data"));
    }

    @Test
    void flippedBytesNeverMakeTheReaderThrow() {
        byte[] tnef = sample();
        Random random = new Random(42);
        for (int i = 0; i < 300; i++) {
            byte[] corrupt = tnef.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                corrupt[random.nextInt(corrupt.length)] ^= (byte) (1 + random.nextInt(255));
            }
            assertThatNoException().isThrownBy(() -> READER.read(corrupt));
        }
    }

    @Test
    void aFlipInsideAttributeDataIsCaughtByItsChecksum() {
        byte[] tnef = sample();
        int firstData = attributeOffsets(tnef).stream().filter(at -> id(tnef, at) == 0x800F).findFirst().orElseThrow();
        tnef[firstData + 9 + 100] ^= 0x01;

        TnefContents contents = READER.read(tnef);

        assertThat(contents.notes()).containsExactly(
                new OutlookNote(OutlookNote.Kind.TNEF_CHECKSUM_MISMATCH, "attribute 7 does not match its checksum"));
        assertThat(contents.attachments()).hasSize(2);
        assertThat(contents.attachments().get(0).content()).isNotEqualTo(INVOICE_ZIP).hasSize(INVOICE_ZIP.length);
    }

    @Test
    void anAttachmentWhoseMapiPropertiesHmefCannotParseKeepsItsTitleAndData() {
        byte[] tnef = sample();
        int properties = attributeOffsets(tnef).stream().filter(at -> id(tnef, at) == 0x9005).findFirst().orElseThrow();
        // The first property's type becomes one HMEF does not know, so it cannot size the value.
        tnef[properties + 9 + 4] = 0x77;
        tnef[properties + 9 + 5] = 0x07;
        fixChecksum(tnef, properties);

        TnefContents contents = READER.read(tnef);

        assertThat(contents.attachments()).extracting(OutlookAttachment::filename).containsExactly("SEIKYU~1.ZIP", "見積書.doc");
        assertThat(contents.attachments().get(0).content()).isEqualTo(INVOICE_ZIP);
        assertThat(contents.notes()).containsExactly(new OutlookNote(OutlookNote.Kind.ATTACHMENT_UNREADABLE,
                "attachment 1: MAPI properties could not be parsed (IllegalArgumentException)"));
    }

    @Test
    void anAttributeOverHmefsSizeLimitIsLeftOutAndTheRestRead() {
        int overLimit = TNEFAttribute.getMaxRecordLength() + 1;
        byte[] tnef = TnefFiles.builder()
                .attachment("big.bin", null, null, new byte[overLimit])
                .attachment("small.bin", null, null, ESTIMATE_DOC)
                .build();

        TnefContents contents = READER.read(tnef);

        assertThat(contents.attachments()).extracting(OutlookAttachment::filename).containsExactly("small.bin");
        assertThat(contents.notes()).containsExactly(new OutlookNote(OutlookNote.Kind.LIMIT_EXCEEDED,
                "attachment 1: an attribute of " + overLimit + " bytes, over POI's TNEF attribute limit of "
                        + TNEFAttribute.getMaxRecordLength() + "; not read"));
    }

    @Test
    void attachmentsPastTheLimitAreLeftUnread() {
        TnefFiles.Builder builder = TnefFiles.builder();
        for (int i = 0; i < 4; i++) {
            builder.attachment("f" + i + ".bin", null, null, new byte[] {(byte) i});
        }

        TnefContents contents = new TnefReader(new OutlookLimits(1 << 20, 2, 2, 1 << 20)).read(builder.build());

        assertThat(contents.attachments()).extracting(OutlookAttachment::filename).containsExactly("f0.bin", "f1.bin");
        assertThat(contents.notes()).containsExactly(new OutlookNote(OutlookNote.Kind.LIMIT_EXCEEDED,
                "more than 2 attachments; 2 of 4 were not read"));
    }

    @Test
    void notTnefIsNoted() {
        byte[] noise = bytes(4000, 9);

        assertThat(READER.read(noise)).isEqualTo(TnefContents.unread(List.of(
                new OutlookNote(OutlookNote.Kind.TNEF_UNREADABLE, "no TNEF signature"))));
        assertThat(READER.read(new byte[0])).isEqualTo(TnefContents.unread(List.of(
                new OutlookNote(OutlookNote.Kind.TNEF_UNREADABLE, "the input is empty"))));
        assertThat(READER.read(new byte[] {0x78, (byte) 0x9F})).isEqualTo(TnefContents.unread(List.of(
                new OutlookNote(OutlookNote.Kind.TNEF_UNREADABLE, "shorter than a TNEF header"))));
    }

    @Test
    void aStreamOverTheInputLimitIsNotRead() {
        byte[] tnef = sample();

        assertThat(new TnefReader(new OutlookLimits(100, 2, 2, 100)).read(tnef)).isEqualTo(TnefContents.unread(List.of(
                new OutlookNote(OutlookNote.Kind.LIMIT_EXCEEDED, "the input has " + tnef.length + " bytes, more than the limit of 100"))));
    }

    private static byte[] sample() {
        return TnefFiles.builder()
                .oemCodepage(932)
                .body("body")
                .attachment("SEIKYU~1.ZIP", "請求書_2026年11月.zip", "application/zip", INVOICE_ZIP)
                .attachment("見積書.doc", null, null, ESTIMATE_DOC)
                .build();
    }

    /** Where each attribute of a well-formed stream starts, and where the last one ends. */
    private static List<Integer> attributeOffsets(byte[] tnef) {
        List<Integer> offsets = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(tnef).order(ByteOrder.LITTLE_ENDIAN);
        int at = 6;
        while (at < tnef.length) {
            offsets.add(at);
            at += 9 + buffer.getInt(at + 5) + 2;
        }
        offsets.add(at);
        return offsets;
    }

    private static int id(byte[] tnef, int attribute) {
        return ByteBuffer.wrap(tnef).order(ByteOrder.LITTLE_ENDIAN).getShort(attribute + 1) & 0xFFFF;
    }

    private static void fixChecksum(byte[] tnef, int attribute) {
        ByteBuffer buffer = ByteBuffer.wrap(tnef).order(ByteOrder.LITTLE_ENDIAN);
        int length = buffer.getInt(attribute + 5);
        int sum = 0;
        for (int i = attribute + 9; i < attribute + 9 + length; i++) {
            sum += tnef[i] & 0xFF;
        }
        buffer.putShort(attribute + 9 + length, (short) sum);
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
