package org.c4tap.core.inspection;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Finds the PDF names that make a document act by itself. Names are read from the raw bytes and
 * from the deflated streams (object streams hide dictionaries there), decoding {@code #xx}
 * escapes as PDF readers do, so {@code /J#61vaScript} is {@code /JavaScript}. Stream inflation
 * counts against the limit per entry and the inspection's budget.
 */
final class PdfNames {

    private static final Map<String, Flag> FLAGS = Map.of(
            "JavaScript", Flag.PDF_JAVASCRIPT,
            "JS", Flag.PDF_JAVASCRIPT,
            "OpenAction", Flag.PDF_OPEN_ACTION,
            "AA", Flag.PDF_OPEN_ACTION,
            "Launch", Flag.PDF_LAUNCH,
            "EmbeddedFile", Flag.PDF_EMBEDDED_FILE,
            "EmbeddedFiles", Flag.PDF_EMBEDDED_FILE,
            "Encrypt", Flag.ENCRYPTED_DOCUMENT);

    /** No name of interest is longer; longer names are skipped without decoding. */
    private static final int LONGEST = 13;
    private static final byte[] STREAM = "stream".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ENDSTREAM = "endstream".getBytes(StandardCharsets.US_ASCII);

    private final Examination examination;

    PdfNames(Examination examination) {
        this.examination = examination;
    }

    Set<Flag> flags(byte[] pdf, String where) {
        Set<Flag> flags = EnumSet.noneOf(Flag.class);
        scanNames(pdf, 0, pdf.length, flags);
        long inflatedLeft = examination.limits().maxBytesPerEntry();
        int at = 0;
        while ((at = indexOf(pdf, STREAM, at)) >= 0) {
            int start = dataStart(pdf, at + STREAM.length);
            if (start < 0) {
                // "stream" inside a word or without its end of line is no keyword.
                at += STREAM.length;
                continue;
            }
            int end = indexOf(pdf, ENDSTREAM, start);
            if (end < 0) {
                break;
            }
            if (looksDeflated(pdf, start, end)) {
                Inflater inflater = new Inflater();
                MeteredInputStream inflated = new MeteredInputStream(
                        new InflaterInputStream(new ByteArrayInputStream(pdf, start, end - start), inflater),
                        inflatedLeft, examination.budget());
                try {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    inflated.transferTo(out);
                    scanNames(out.toByteArray(), 0, out.size(), flags);
                } catch (LimitReached stop) {
                    examination.limitReached(stop.limit(), where + ": PDF streams",
                            examination.limits().maxBytesPerEntry() - inflatedLeft + inflated.count());
                    break;
                } catch (IOException notDeflate) {
                    // Encrypted or differently filtered streams do not inflate; their names stay unseen.
                } finally {
                    inflater.end();
                }
                inflatedLeft -= inflated.count();
            }
            at = end + ENDSTREAM.length;
        }
        return flags;
    }

    /** Sets the flags of every name of interest in {@code bytes[from, to)}. */
    static void scanNames(byte[] bytes, int from, int to, Set<Flag> flags) {
        byte[] name = new byte[LONGEST];
        for (int i = from; i < to; i++) {
            if (bytes[i] != '/') {
                continue;
            }
            int length = 0;
            int j = i + 1;
            while (j < to && regular(bytes[j])) {
                int b = bytes[j] & 0xFF;
                if (b == '#' && j + 2 < to && hex(bytes[j + 1]) >= 0 && hex(bytes[j + 2]) >= 0) {
                    b = hex(bytes[j + 1]) << 4 | hex(bytes[j + 2]);
                    j += 2;
                }
                if (length < LONGEST) {
                    name[length] = (byte) b;
                }
                length++;
                j++;
            }
            if (length > 0 && length <= LONGEST) {
                Flag flag = FLAGS.get(new String(name, 0, length, StandardCharsets.ISO_8859_1));
                if (flag != null) {
                    flags.add(flag);
                }
            }
            i = j - 1;
        }
    }

    /** Whitespace and delimiters end a name; every other byte belongs to it. */
    private static boolean regular(byte b) {
        return switch (b) {
            case 0, '\t', '\n', '\f', '\r', ' ', '(', ')', '<', '>', '[', ']', '{', '}', '/', '%' -> false;
            default -> true;
        };
    }

    private static int hex(byte b) {
        return Character.digit((char) (b & 0xFF), 16);
    }

    /** The first data byte after the {@code stream} keyword's end of line, or -1 if it is not a keyword. */
    private static int dataStart(byte[] pdf, int afterKeyword) {
        if (afterKeyword < pdf.length && pdf[afterKeyword] == '\r') {
            afterKeyword++;
        }
        if (afterKeyword < pdf.length && pdf[afterKeyword] == '\n') {
            return afterKeyword + 1;
        }
        return -1;
    }

    /** A zlib header: deflate method, and a check value that makes the first two bytes a multiple of 31. */
    private static boolean looksDeflated(byte[] pdf, int start, int end) {
        if (end - start < 2) {
            return false;
        }
        int cmf = pdf[start] & 0xFF;
        int flg = pdf[start + 1] & 0xFF;
        return (cmf & 0x0F) == 8 && (cmf << 8 | flg) % 31 == 0;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(from, 0); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
