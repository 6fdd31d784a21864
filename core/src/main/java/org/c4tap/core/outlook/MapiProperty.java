package org.c4tap.core.outlook;

import java.util.Locale;

/** The MAPI properties this package reads, by property id ([MS-OXPROPS]). */
enum MapiProperty {
    SUBJECT(0x0037),
    CLIENT_SUBMIT_TIME(0x0039),
    SENT_REPRESENTING_NAME(0x0042),
    SENT_REPRESENTING_ADDRTYPE(0x0064),
    SENT_REPRESENTING_EMAIL_ADDRESS(0x0065),
    TRANSPORT_MESSAGE_HEADERS(0x007D),
    RECIPIENT_TYPE(0x0C15),
    SENDER_NAME(0x0C1A),
    SENDER_ADDRTYPE(0x0C1E),
    SENDER_EMAIL_ADDRESS(0x0C1F),
    DISPLAY_CC(0x0E03),
    DISPLAY_TO(0x0E04),
    MESSAGE_DELIVERY_TIME(0x0E06),
    BODY(0x1000),
    RTF_COMPRESSED(0x1009),
    HTML(0x1013),
    INTERNET_MESSAGE_ID(0x1035),
    DISPLAY_NAME(0x3001),
    ADDRTYPE(0x3002),
    EMAIL_ADDRESS(0x3003),
    ATTACH_DATA(0x3701),
    ATTACH_FILENAME(0x3704),
    ATTACH_METHOD(0x3705),
    ATTACH_LONG_FILENAME(0x3707),
    ATTACH_MIME_TAG(0x370E),
    SMTP_ADDRESS(0x39FE),
    INTERNET_CPID(0x3FDE),
    MESSAGE_CODEPAGE(0x3FFD),
    SENDER_SMTP_ADDRESS(0x5D01),
    SENT_REPRESENTING_SMTP_ADDRESS(0x5D02);

    final int id;

    MapiProperty(int id) {
        this.id = id;
    }

    /** The property tag: the id in the high half, the type in the low half. */
    int tag(MapiType type) {
        return id << 16 | type.code;
    }

    /** The tag in hex, as in stream names and notes, such as {@code 0037001F}. */
    String hex(MapiType type) {
        return String.format(Locale.ROOT, "%08X", tag(type));
    }

    /** The name of the stream or storage holding the value in a {@code .msg} ([MS-OXMSG] 2.1.3). */
    String streamName(MapiType type) {
        return "__substg1.0_" + hex(type);
    }
}
