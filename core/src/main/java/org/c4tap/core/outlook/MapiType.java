package org.c4tap.core.outlook;

/** The MAPI property types this package reads ([MS-OXCDATA] 2.11.1). */
enum MapiType {
    INTEGER32(0x0003),
    TIME(0x0040),
    STRING8(0x001E),
    UNICODE(0x001F),
    BINARY(0x0102),
    OBJECT(0x000D);

    final int code;

    MapiType(int code) {
        this.code = code;
    }
}
