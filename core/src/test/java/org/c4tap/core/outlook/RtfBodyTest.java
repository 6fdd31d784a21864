package org.c4tap.core.outlook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.c4tap.core.testing.CompressedRtf;
import org.junit.jupiter.api.Test;

class RtfBodyTest {

    private static final String RTF = "{\\rtf1\\ansi\\ansicpg1252\\fromhtml1 \\deff0{\\fonttbl{\\f0\\fswiss Arial;}}"
            + "{\\*\\htmltag19 <html>}{\\*\\htmltag50 <body>}\\htmlrtf {\\htmlrtf0 Hello, world\\htmlrtf \\par}\\htmlrtf0 "
            + "{\\*\\htmltag58 </body>}{\\*\\htmltag27 </html>}}";

    private final List<OutlookNote> notes = new ArrayList<>();

    private ReadScope scope(int maxPropertyBytes) {
        return new ReadScope(new OutlookLimits(1 << 20, 10, 2, maxPropertyBytes), new ReadBudget(1 << 20, 10), notes);
    }

    @Test
    void compressedRtfIsDecompressedAndItsHtmlRecovered() {
        assertThat(RtfBody.encapsulatedHtml(CompressedRtf.compress(RTF), scope(1 << 20), "message"))
                .contains("<html><body>Hello, world</body></html>");
        assertThat(notes).isEmpty();
    }

    @Test
    void uncompressedRtfIsReadAsItIs() {
        byte[] rtf = RTF.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer stored = ByteBuffer.allocate(16 + rtf.length).order(ByteOrder.LITTLE_ENDIAN);
        stored.putInt(rtf.length + 12).putInt(rtf.length).putInt(0x414C454D).putInt(0).put(rtf);

        assertThat(RtfBody.encapsulatedHtml(stored.array(), scope(1 << 20), "message"))
                .contains("<html><body>Hello, world</body></html>");
        assertThat(notes).isEmpty();
    }

    @Test
    void rtfLongerThanThePropertyLimitIsCut() {
        assertThat(RtfBody.encapsulatedHtml(CompressedRtf.compress(RTF), scope(135), "message"))
                .contains("<html><body>Hell");
        assertThat(notes).containsExactly(new OutlookNote(OutlookNote.Kind.LIMIT_EXCEEDED,
                "message RTF body: " + RTF.length() + " bytes, kept the first 135"));
    }

    @Test
    void anUnknownCompressionIsNoted() {
        byte[] stored = CompressedRtf.compress(RTF);
        stored[8] = 'X';

        assertThat(RtfBody.encapsulatedHtml(stored, scope(1 << 20), "message")).isEqualTo(Optional.empty());
        assertThat(notes).containsExactly(new OutlookNote(OutlookNote.Kind.PROPERTY_UNREADABLE,
                "message RTF body: unknown compression"));
    }

    @Test
    void aValueShorterThanTheHeaderIsNoted() {
        assertThat(RtfBody.encapsulatedHtml(new byte[10], scope(1 << 20), "message")).isEmpty();
        assertThat(notes).containsExactly(new OutlookNote(OutlookNote.Kind.PROPERTY_UNREADABLE,
                "message RTF body: shorter than its header"));
    }
}
