package org.c4tap.core.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReportEntityTest {

    /**
     * As javax.mail 1.6.2's base64 decoder (James 3.8's) behaves: asked to fill a buffer from a
     * non-zero offset, it ends the stream early. A report JSON over 8 KB was cut this way on the real
     * server, and every such report went to c4tap-error.
     */
    private static final class EndsWhenReadAtAnOffset extends InputStream {
        private final ByteArrayInputStream in;

        EndsWhenReadAtAnOffset(byte[] bytes) {
            in = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            return offset == 0 ? in.read(buffer, 0, Math.min(length, 5000)) : -1;
        }
    }

    @Test
    void readsTheWholeContentFromAStreamThatFailsAtOffsets() throws Exception {
        byte[] json = new byte[100_000];
        new Random(7).nextBytes(json);
        assertThat(new EndsWhenReadAtAnOffset(json).readNBytes(200_000)).as("what readNBytes got").hasSizeLessThan(json.length);

        assertThat(ReportEntity.readAtMost(new EndsWhenReadAtAnOffset(json), 200_000)).isEqualTo(json);
        assertThat(ReportEntity.readAtMost(new EndsWhenReadAtAnOffset(json), 1000)).hasSize(1000);
    }
}
