package org.c4tap.core.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.poi.hpsf.ClassID;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Builds Outlook {@code .msg} files from scratch, laid out as [MS-OXMSG] describes, with POI's
 * POIFS writer: a property stream per storage, one stream per variable-size value, a storage per
 * recipient and attachment, and attached messages as storages of their own. POI's own HSMF reads
 * what this writes (see {@code MsgFilesTest}), so the files are real {@code .msg} files.
 *
 * <pre>{@code
 * byte[] msg = MsgFiles.builder().subject("…").from("Name", "a@b").to("…", "…")
 *         .date(instant).transportHeaders("…").textBody("…").htmlBody("…")
 *         .attachment("請求書.zip", bytes).embedded(otherBuilder).build();
 * }</pre>
 */
public final class MsgFiles {

    private static final ClassID MESSAGE_CLASS_ID = new ClassID("{00020D0B-0000-0000-C000-000000000046}");
    private static final int READABLE_WRITABLE = 0x6;
    private static final int UNICODE = 0x001F;
    private static final int STRING8 = 0x001E;
    private static final int BINARY = 0x0102;
    private static final int INTEGER32 = 0x0003;
    private static final int TIME = 0x0040;
    private static final int OBJECT = 0x000D;
    private static final int STORE_UNICODE_OK = 0x00040000;
    private static final long FILETIME_UNIX_EPOCH = 116_444_736_000_000_000L;

    private MsgFiles() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A message being described; {@link #build()} writes it. */
    public static final class Builder {

        private String subject;
        private String senderName;
        private String senderEmail;
        private String senderAddressType;
        private String senderSmtp;
        private final List<Recipient> recipients = new ArrayList<>();
        private Instant date;
        private String messageId;
        private String transportHeaders;
        private String textBody;
        private String htmlBody;
        private String rtfBody;
        private final List<Attached> attachments = new ArrayList<>();
        private Integer ansiCodepage;

        private Builder() {
        }

        public Builder subject(String value) {
            subject = value;
            return this;
        }

        /** An Internet sender: display name and SMTP address. */
        public Builder from(String name, String smtpAddress) {
            return sender(name, smtpAddress, "SMTP", smtpAddress);
        }

        /**
         * An Exchange sender: the e-mail address is the X.500 distinguished name, and the SMTP
         * address ({@code null} for none) sits in properties of its own.
         */
        public Builder fromExchange(String name, String legacyDn, String smtpAddress) {
            return sender(name, legacyDn, "EX", smtpAddress);
        }

        private Builder sender(String name, String email, String addressType, String smtp) {
            senderName = name;
            senderEmail = email;
            senderAddressType = addressType;
            senderSmtp = smtp;
            return this;
        }

        public Builder to(String name, String address) {
            recipients.add(new Recipient(1, name, address));
            return this;
        }

        public Builder cc(String name, String address) {
            recipients.add(new Recipient(2, name, address));
            return this;
        }

        public Builder bcc(String name, String address) {
            recipients.add(new Recipient(3, name, address));
            return this;
        }

        /** The submit and delivery time. */
        public Builder date(Instant value) {
            date = value;
            return this;
        }

        public Builder messageId(String value) {
            messageId = value;
            return this;
        }

        /** The original Internet header block ({@code PR_TRANSPORT_MESSAGE_HEADERS}). */
        public Builder transportHeaders(String value) {
            transportHeaders = value;
            return this;
        }

        public Builder textBody(String value) {
            textBody = value;
            return this;
        }

        /** An HTML body, stored as UTF-8 bytes ({@code PR_HTML}) with code page 65001 recorded. */
        public Builder htmlBody(String value) {
            htmlBody = value;
            return this;
        }

        /** An RTF body, stored LZFu-compressed ({@code PR_RTF_COMPRESSED}); RTF is 7-bit text. */
        public Builder rtfBody(String rtf) {
            rtfBody = rtf;
            return this;
        }

        /** A file attached by value, type {@code application/octet-stream}. */
        public Builder attachment(String filename, byte[] data) {
            return attachment(filename, "application/octet-stream", data);
        }

        public Builder attachment(String filename, String mimeType, byte[] data) {
            attachments.add(new Attached(filename, mimeType, data.clone(), null));
            return this;
        }

        /** Another message attached whole, as an attached {@code .msg}. */
        public Builder embedded(Builder message) {
            attachments.add(new Attached(null, null, null, message));
            return this;
        }

        /**
         * Stores every string as 8-bit text in {@code codepage} (as Outlook before 2003 did) and
         * records it in {@code PR_MESSAGE_CODEPAGE}, instead of as UTF-16.
         */
        public Builder ansi(int codepage) {
            ansiCodepage = codepage;
            return this;
        }

        /** The {@code .msg} file. */
        public byte[] build() {
            try (POIFSFileSystem fileSystem = new POIFSFileSystem()) {
                DirectoryEntry root = fileSystem.getRoot();
                writeMessage(root, true);
                writeNamedPropertyMapping(root);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                fileSystem.writeFilesystem(out);
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void writeMessage(DirectoryEntry storage, boolean topLevel) throws IOException {
            storage.setStorageClsid(MESSAGE_CLASS_ID);
            Properties properties = new Properties(storage, ansiCodepage);
            properties.string(0x001A, "IPM.Note");
            properties.integer(0x0E07, 1);
            if (ansiCodepage == null) {
                properties.integer(0x340D, STORE_UNICODE_OK);
            } else {
                properties.integer(0x3FFD, ansiCodepage);
            }
            properties.string(0x0037, subject);
            if (senderName != null || senderEmail != null) {
                for (int[] ids : new int[][] {{0x0C1A, 0x0C1F, 0x0C1E, 0x5D01}, {0x0042, 0x0065, 0x0064, 0x5D02}}) {
                    properties.string(ids[0], senderName);
                    properties.string(ids[1], senderEmail);
                    properties.string(ids[2], senderAddressType);
                    properties.string(ids[3], senderSmtp);
                }
            }
            properties.string(0x0E04, displayList(1));
            properties.string(0x0E03, displayList(2));
            if (date != null) {
                properties.time(0x0039, date);
                properties.time(0x0E06, date);
            }
            properties.string(0x1035, messageId);
            properties.string(0x007D, transportHeaders);
            properties.string(0x1000, textBody);
            if (htmlBody != null) {
                properties.binary(0x1013, htmlBody.getBytes(StandardCharsets.UTF_8));
                properties.integer(0x3FDE, 65001);
            }
            if (rtfBody != null) {
                properties.binary(0x1009, CompressedRtf.compress(rtfBody));
            }
            for (int i = 0; i < recipients.size(); i++) {
                writeRecipient(storage.createDirectory(String.format(Locale.ROOT, "__recip_version1.0_#%08X", i)),
                        i, recipients.get(i));
            }
            for (int i = 0; i < attachments.size(); i++) {
                writeAttachment(storage.createDirectory(String.format(Locale.ROOT, "__attach_version1.0_#%08X", i)),
                        i, attachments.get(i));
            }
            ByteBuffer header = ByteBuffer.allocate(topLevel ? 32 : 24).order(ByteOrder.LITTLE_ENDIAN);
            header.position(8);
            header.putInt(recipients.size()).putInt(attachments.size()).putInt(recipients.size()).putInt(attachments.size());
            properties.write(header.array());
        }

        private void writeRecipient(DirectoryEntry storage, int number, Recipient recipient) throws IOException {
            Properties properties = new Properties(storage, ansiCodepage);
            properties.integer(0x0C15, recipient.type());
            properties.integer(0x3000, number);
            properties.string(0x3001, recipient.name());
            properties.string(0x3002, "SMTP");
            properties.string(0x3003, recipient.address());
            properties.string(0x39FE, recipient.address());
            properties.write(new byte[8]);
        }

        private void writeAttachment(DirectoryEntry storage, int number, Attached attached) throws IOException {
            Properties properties = new Properties(storage, ansiCodepage);
            properties.integer(0x0E21, number);
            properties.integer(0x370B, -1);
            if (attached.message() == null) {
                properties.integer(0x3705, 1);
                properties.integer(0x0E20, attached.data().length);
                properties.string(0x3001, attached.filename());
                properties.string(0x3707, attached.filename());
                int dot = attached.filename().lastIndexOf('.');
                properties.string(0x3703, dot < 0 ? null : attached.filename().substring(dot));
                properties.string(0x370E, attached.mimeType());
                properties.binary(0x3701, attached.data());
            } else {
                properties.integer(0x3705, 5);
                properties.string(0x3001, attached.message().subject);
                DirectoryEntry message = storage.createDirectory(streamName(0x3701, OBJECT));
                attached.message().writeMessage(message, false);
                properties.object(0x3701);
            }
            properties.write(new byte[8]);
        }

        private String displayList(int type) {
            String names = recipients.stream().filter(r -> r.type() == type).map(Recipient::name)
                    .collect(Collectors.joining("; "));
            return names.isEmpty() ? null : names;
        }
    }

    /** The named property mapping Outlook writes at the top level, empty here ([MS-OXMSG] 2.2.3). */
    private static void writeNamedPropertyMapping(DirectoryEntry root) throws IOException {
        DirectoryEntry nameId = root.createDirectory("__nameid_version1.0");
        for (int stream : new int[] {0x0002, 0x0003, 0x0004}) {
            nameId.createDocument(streamName(stream, BINARY), new ByteArrayInputStream(new byte[0]));
        }
    }

    private static String streamName(int id, int type) {
        return String.format(Locale.ROOT, "__substg1.0_%04X%04X", id, type);
    }

    private record Recipient(int type, String name, String address) {
    }

    private record Attached(String filename, String mimeType, byte[] data, Builder message) {
    }

    /** The properties of one storage: value streams as they come, the property stream at the end. */
    private static final class Properties {

        private final DirectoryEntry storage;
        private final Charset ansi;
        private final ByteArrayOutputStream entries = new ByteArrayOutputStream();

        Properties(DirectoryEntry storage, Integer ansiCodepage) {
            this.storage = storage;
            this.ansi = ansiCodepage == null ? null : Charset.forName(ansiCodepage == 932 ? "windows-31j" : "cp" + ansiCodepage);
        }

        void string(int id, String value) throws IOException {
            if (value == null) {
                return;
            }
            if (ansi == null) {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_16LE);
                stream(id, UNICODE, bytes);
                entry(id, UNICODE, bytes.length + 2L);
            } else {
                byte[] bytes = value.getBytes(ansi);
                stream(id, STRING8, bytes);
                entry(id, STRING8, bytes.length + 1L);
            }
        }

        void binary(int id, byte[] value) throws IOException {
            stream(id, BINARY, value);
            entry(id, BINARY, value.length);
        }

        void integer(int id, int value) {
            entry(id, INTEGER32, Integer.toUnsignedLong(value));
        }

        void time(int id, Instant value) {
            long ticks = FILETIME_UNIX_EPOCH + value.getEpochSecond() * 10_000_000L + value.getNano() / 100;
            entry(id, TIME, ticks);
        }

        /** An entry for a value held in a storage, such as an attached message. */
        void object(int id) {
            entry(id, OBJECT, 0xFFFFFFFFL);
        }

        private void stream(int id, int type, byte[] bytes) throws IOException {
            storage.createDocument(streamName(id, type), new ByteArrayInputStream(bytes));
        }

        private void entry(int id, int type, long value) {
            ByteBuffer entry = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            entry.putInt(id << 16 | type).putInt(READABLE_WRITABLE).putLong(value);
            entries.writeBytes(entry.array());
        }

        void write(byte[] header) throws IOException {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            stream.writeBytes(header);
            stream.writeBytes(entries.toByteArray());
            storage.createDocument("__properties_version1.0", new ByteArrayInputStream(stream.toByteArray()));
        }
    }
}
