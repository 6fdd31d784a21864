package org.c4tap.core.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds TNEF streams ({@code winmail.dat}, [MS-OXTNEF]) from scratch, as Outlook sends them: the
 * signature, message attributes (version, OEM code page, class, body, MAPI properties), then per
 * attachment its rendering data, title, data and MAPI properties, each attribute with its checksum.
 */
public final class TnefFiles {

    public static final int SIGNATURE = 0x223E9F78;
    private static final int LEVEL_MESSAGE = 1;
    private static final int LEVEL_ATTACHMENT = 2;
    private static final int MAPI_UNICODE = 0x001F;
    private static final int MAPI_BINARY = 0x0102;
    private static final int MAPI_INTEGER32 = 0x0003;

    private TnefFiles() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A TNEF stream being described; {@link #build()} writes it. */
    public static final class Builder {

        private int oemCodepage = 1252;
        private String body;
        private String mapiBody;
        private String html;
        private String rtf;
        private final List<Attached> attachments = new ArrayList<>();

        private Builder() {
        }

        /** The code page of 8-bit text ({@code attOemCodepage}); 1252 unless set. */
        public Builder oemCodepage(int codepage) {
            oemCodepage = codepage;
            return this;
        }

        /** The plain text body as the 8-bit {@code attBody} attribute, in the OEM code page. */
        public Builder body(String text) {
            body = text;
            return this;
        }

        /** The plain text body as the Unicode MAPI property {@code PR_BODY}. */
        public Builder mapiBody(String text) {
            mapiBody = text;
            return this;
        }

        /** The HTML body as the MAPI property {@code PR_HTML}, UTF-8 with code page 65001 recorded. */
        public Builder html(String value) {
            html = value;
            return this;
        }

        /** The RTF body as the MAPI property {@code PR_RTF_COMPRESSED}. */
        public Builder rtf(String value) {
            rtf = value;
            return this;
        }

        /**
         * A file: {@code title} is the 8-bit short name in the OEM code page, {@code longFilename}
         * the Unicode {@code PR_ATTACH_LONG_FILENAME} ({@code null} for none).
         */
        public Builder attachment(String title, String longFilename, String mimeType, byte[] data) {
            attachments.add(new Attached(title, longFilename, mimeType, data.clone()));
            return this;
        }

        public byte[] build() {
            Charset oem = Charset.forName(oemCodepage == 932 ? "windows-31j" : "cp" + oemCodepage);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer header = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN).putInt(SIGNATURE).putShort((short) 0x0100);
            out.writeBytes(header.array());
            attribute(out, LEVEL_MESSAGE, 0x9006, 0x0008, littleEndian(0x00010000, 4));
            ByteBuffer codepage = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(oemCodepage).putInt(0);
            attribute(out, LEVEL_MESSAGE, 0x9007, 0x0006, codepage.array());
            attribute(out, LEVEL_MESSAGE, 0x8008, 0x0007, "IPM.Microsoft Mail.Note\0".getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                attribute(out, LEVEL_MESSAGE, 0x800C, 0x0002, body.getBytes(oem));
            }
            MapiProperties message = new MapiProperties();
            if (mapiBody != null) {
                message.unicode(0x1000, mapiBody);
            }
            if (html != null) {
                message.binary(0x1013, html.getBytes(StandardCharsets.UTF_8));
                message.integer(0x3FDE, 65001);
            }
            if (rtf != null) {
                message.binary(0x1009, CompressedRtf.compress(rtf));
            }
            if (message.count > 0) {
                attribute(out, LEVEL_MESSAGE, 0x9003, 0x0006, message.bytes());
            }
            for (Attached attached : attachments) {
                ByteBuffer rendering = ByteBuffer.allocate(14).order(ByteOrder.LITTLE_ENDIAN)
                        .putShort((short) 1).putInt(-1).putShort((short) -1).putShort((short) -1).putInt(0);
                attribute(out, LEVEL_ATTACHMENT, 0x9002, 0x0006, rendering.array());
                attribute(out, LEVEL_ATTACHMENT, 0x8010, 0x0001, (attached.title() + "\0").getBytes(oem));
                attribute(out, LEVEL_ATTACHMENT, 0x800F, 0x0006, attached.data());
                MapiProperties properties = new MapiProperties();
                properties.integer(0x3705, 1);
                if (attached.longFilename() != null) {
                    properties.unicode(0x3707, attached.longFilename());
                }
                if (attached.mimeType() != null) {
                    properties.unicode(0x370E, attached.mimeType());
                }
                attribute(out, LEVEL_ATTACHMENT, 0x9005, 0x0006, properties.bytes());
            }
            return out.toByteArray();
        }
    }

    private record Attached(String title, String longFilename, String mimeType, byte[] data) {
    }

    private static void attribute(ByteArrayOutputStream out, int level, int id, int type, byte[] data) {
        int checksum = 0;
        for (byte b : data) {
            checksum += b & 0xFF;
        }
        ByteBuffer header = ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) level).putInt(type << 16 | id).putInt(data.length);
        out.writeBytes(header.array());
        out.writeBytes(data);
        out.writeBytes(littleEndian(checksum & 0xFFFF, 2));
    }

    private static byte[] littleEndian(int value, int bytes) {
        byte[] out = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            out[i] = (byte) (value >>> (8 * i));
        }
        return out;
    }

    /** A MAPI property list as TNEF encodes it ([MS-OXTNEF] 2.1.3.4): values padded to 4 bytes. */
    private static final class MapiProperties {

        private final ByteArrayOutputStream values = new ByteArrayOutputStream();
        private int count;

        void integer(int id, int value) {
            tag(id, MAPI_INTEGER32);
            values.writeBytes(littleEndian(value, 4));
        }

        void unicode(int id, String value) {
            variable(id, MAPI_UNICODE, (value + "\0").getBytes(StandardCharsets.UTF_16LE));
        }

        void binary(int id, byte[] value) {
            variable(id, MAPI_BINARY, value);
        }

        private void variable(int id, int type, byte[] value) {
            tag(id, type);
            values.writeBytes(littleEndian(1, 4));
            values.writeBytes(littleEndian(value.length, 4));
            values.writeBytes(value);
            values.writeBytes(new byte[(4 - value.length % 4) % 4]);
        }

        private void tag(int id, int type) {
            values.writeBytes(littleEndian(id << 16 | type, 4));
            count++;
        }

        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(littleEndian(count, 4));
            out.writeBytes(values.toByteArray());
            return out.toByteArray();
        }
    }
}
