package org.c4tap.core.message;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * The decoded bytes of a part, decoded by us rather than by Jakarta Mail, whose base64 decoder gives
 * up on the first malformed line. Ours never fails: base64 skips characters outside its alphabet
 * and ignores misplaced padding, quoted-printable keeps a broken escape as it is, and an unknown
 * encoding is read as binary. Each decoder counts what it had to repair, so the reader can say so.
 */
public final class TransferDecoding {

    private TransferDecoding() {
    }

    /** A stream of the part's decoded content; close it when done. */
    public static Decoded open(MimePart part) throws MessagingException, IOException {
        String encoding = encoding(part);
        Optional<InputStream> raw = raw(part);
        if (raw.isEmpty()) {
            // a part built in memory holds its content unencoded; the mail library encodes it only
            // when it writes the part out
            return new Decoded(new CountingPassThrough(content(part)), encoding);
        }
        return switch (encoding) {
            case "base64" -> new Decoded(new Base64Stream(raw.get()), encoding);
            case "quoted-printable" -> new Decoded(new QuotedPrintableStream(raw.get()), encoding);
            default -> new Decoded(new CountingPassThrough(raw.get()), encoding);
        };
    }

    /**
     * The size of the part's decoded content, learnt by decoding it once and keeping nothing: exact
     * however damaged the encoding is, as it is the very decoder {@link #open} gives.
     */
    public static long decodedSize(MimePart part) throws MessagingException, IOException {
        try (Decoded decoded = open(part)) {
            return decoded.stream().skip(Long.MAX_VALUE);
        }
    }

    /** The Content-Transfer-Encoding, lower case; "7bit" when absent. */
    public static String encoding(MimePart part) {
        try {
            String[] values = part.getHeader("Content-Transfer-Encoding");
            if (values == null || values.length == 0) {
                return "7bit";
            }
            return values[0].strip().toLowerCase(Locale.ROOT).replaceAll("[\"\\s].*$", "");
        } catch (MessagingException | RuntimeException e) {
            return "7bit";
        }
    }

    /** The part's content as it was received, still encoded; nothing for a part built in memory. */
    private static Optional<InputStream> raw(MimePart part) {
        try {
            if (part instanceof MimeBodyPart body) {
                return Optional.of(body.getRawInputStream());
            }
            if (part instanceof MimeMessage message) {
                return Optional.of(message.getRawInputStream());
            }
        } catch (MessagingException e) {
            // a part built in memory has no raw stream
        }
        return Optional.empty();
    }

    private static InputStream content(MimePart part) throws MessagingException {
        try {
            return part.getInputStream();
        } catch (IOException e) {
            return new ByteArrayInputStream(new byte[0]);
        }
    }

    /** A decoding stream and the encoding it decodes. */
    public record Decoded(RepairingStream stream, String encoding) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            stream.close();
        }
    }

    /**
     * A decoding stream that counts the repairs it made. Decoding works chunk by chunk (64 KiB of
     * raw input at a time) so that large attachments decode at memory speed.
     */
    public abstract static sealed class RepairingStream extends InputStream
            permits Base64Stream, QuotedPrintableStream, CountingPassThrough {
        private static final int CHUNK = 64 * 1024;

        final InputStream in;
        private final byte[] raw = new byte[CHUNK];
        private byte[] decoded = new byte[CHUNK];
        private int decodedLength;
        private int decodedPosition;
        private boolean ended;
        long repairs;

        RepairingStream(InputStream in) {
            this.in = in;
        }

        public long repairs() {
            return repairs;
        }

        @Override
        public int read() throws IOException {
            if (!ready()) {
                return -1;
            }
            return decoded[decodedPosition++] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (!ready()) {
                return -1;
            }
            int count = Math.min(length, decodedLength - decodedPosition);
            System.arraycopy(decoded, decodedPosition, buffer, offset, count);
            decodedPosition += count;
            return count;
        }

        /** Skips decoded bytes without copying them anywhere. */
        @Override
        public long skip(long count) throws IOException {
            long skipped = 0;
            while (skipped < count && ready()) {
                int step = (int) Math.min(count - skipped, decodedLength - decodedPosition);
                decodedPosition += step;
                skipped += step;
            }
            return skipped;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        /** True when decoded bytes are available, after decoding more input if needed. */
        private boolean ready() throws IOException {
            while (decodedPosition >= decodedLength) {
                if (ended) {
                    return false;
                }
                int read = in.readNBytes(raw, 0, raw.length);
                if (read < raw.length) {
                    ended = true;
                }
                if (decoded.length < read + 4) {
                    decoded = new byte[read + 4];
                }
                decodedPosition = 0;
                decodedLength = decode(raw, read, decoded, ended);
            }
            return true;
        }

        /** Decodes {@code length} raw bytes into {@code out}; returns how many bytes it wrote. */
        abstract int decode(byte[] raw, int length, byte[] out, boolean last);
    }

    static final class Base64Stream extends RepairingStream {
        private static final int[] VALUES = new int[256];

        static {
            java.util.Arrays.fill(VALUES, -1);
            for (int i = 0; i < 26; i++) {
                VALUES['A' + i] = i;
                VALUES['a' + i] = 26 + i;
            }
            for (int i = 0; i < 10; i++) {
                VALUES['0' + i] = 52 + i;
            }
            VALUES['+'] = 62;
            VALUES['/'] = 63;
            VALUES['-'] = 62; // base64url, which some senders use by mistake
            VALUES['_'] = 63;
            VALUES['='] = -2;
            VALUES['\r'] = -3;
            VALUES['\n'] = -3;
            VALUES[' '] = -3;
            VALUES['\t'] = -3;
        }

        private int buffer;
        private int bits;
        private boolean padding;

        Base64Stream(InputStream in) {
            super(in);
        }

        @Override
        int decode(byte[] raw, int length, byte[] out, boolean last) {
            int written = 0;
            for (int i = 0; i < length; i++) {
                if (bits == 0 && !padding) {
                    // whole quanta of four alphabet characters, the bulk of any line, three bytes at a time
                    while (i + 4 <= length) {
                        int quantum = VALUES[raw[i] & 0xFF] << 18 | VALUES[raw[i + 1] & 0xFF] << 12
                                | VALUES[raw[i + 2] & 0xFF] << 6 | VALUES[raw[i + 3] & 0xFF];
                        if (quantum < 0) {
                            break;
                        }
                        out[written] = (byte) (quantum >> 16);
                        out[written + 1] = (byte) (quantum >> 8);
                        out[written + 2] = (byte) quantum;
                        written += 3;
                        i += 4;
                    }
                    if (i >= length) {
                        break;
                    }
                }
                int value = VALUES[raw[i] & 0xFF];
                if (value >= 0) {
                    if (padding) {
                        // data after padding: concatenated base64 blocks, as some mailers write
                        repairs++;
                        padding = false;
                        bits = 0;
                    }
                    buffer = (buffer << 6) | value;
                    bits += 6;
                    if (bits >= 8) {
                        bits -= 8;
                        out[written++] = (byte) (buffer >> bits);
                    }
                } else if (value == -2) {
                    padding = true;
                } else if (value == -1) {
                    repairs++;
                }
            }
            if (last && bits == 6) {
                // one character of a quantum left over: the text was cut, a byte is lost
                repairs++;
                bits = 0;
            }
            return written;
        }
    }

    static final class QuotedPrintableStream extends RepairingStream {
        /** Raw bytes of an escape that straddles two chunks. */
        private final byte[] carry = new byte[2];
        private int carried;

        QuotedPrintableStream(InputStream in) {
            super(in);
        }

        @Override
        int decode(byte[] chunk, int length, byte[] out, boolean last) {
            byte[] raw = chunk;
            int size = length;
            if (carried > 0) {
                raw = new byte[carried + length];
                System.arraycopy(carry, 0, raw, 0, carried);
                System.arraycopy(chunk, 0, raw, carried, length);
                size = carried + length;
                carried = 0;
            }
            int written = 0;
            int i = 0;
            while (i < size) {
                byte b = raw[i];
                if (b != '=') {
                    out[written++] = b;
                    i++;
                    continue;
                }
                if (!last && size - i < 3) {
                    carried = size - i;
                    System.arraycopy(raw, i, carry, 0, carried);
                    break;
                }
                int first = i + 1 < size ? raw[i + 1] : -1;
                if (first == '\r' && i + 2 < size && raw[i + 2] == '\n') {
                    i += 3; // soft line break
                    continue;
                }
                if (first == '\n' || first == '\r') {
                    i += 2; // soft line break with a bare LF or CR
                    continue;
                }
                int second = i + 2 < size ? raw[i + 2] : -1;
                int high = first < 0 ? -1 : Character.digit(first, 16);
                int low = second < 0 ? -1 : Character.digit(second, 16);
                if (high >= 0 && low >= 0) {
                    out[written++] = (byte) (high * 16 + low);
                    i += 3;
                } else {
                    repairs++;
                    out[written++] = b;
                    i++;
                }
            }
            return written;
        }
    }

    static final class CountingPassThrough extends RepairingStream {
        CountingPassThrough(InputStream in) {
            super(in);
        }

        @Override
        int decode(byte[] raw, int length, byte[] out, boolean last) {
            System.arraycopy(raw, 0, out, 0, length);
            return length;
        }
    }
}
