package org.c4tap.core.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Compresses RTF as Outlook stores it in {@code PR_RTF_COMPRESSED} ([MS-OXRTFCP]): LZFu, a
 * 4096-byte sliding dictionary preloaded with common RTF, greedy longest matches. Written from the
 * specification so that fixtures exercise real dictionary references, not literals only.
 */
public final class CompressedRtf {

    private static final String PRELOAD = "{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman "
            + "\\fswiss \\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier"
            + "{\\colortbl\\red0\\green0\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx";
    private static final int DICTIONARY = 4096;
    private static final int MASK = DICTIONARY - 1;
    private static final int MIN_MATCH = 2;
    private static final int MAX_MATCH = 17;
    private static final int LZFU = 0x75465A4C;
    private static final int[] CRC_TABLE = crcTable();

    private CompressedRtf() {
    }

    /** The {@code PR_RTF_COMPRESSED} value of {@code rtf}: header, then compressed data. */
    public static byte[] compress(String rtf) {
        byte[] input = rtf.getBytes(StandardCharsets.ISO_8859_1);
        byte[] data = lzfu(input);
        ByteBuffer out = ByteBuffer.allocate(16 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(data.length + 12).putInt(input.length).putInt(LZFU).putInt(crc(data)).put(data);
        return out.array();
    }

    private static byte[] lzfu(byte[] input) {
        byte[] dictionary = new byte[DICTIONARY];
        // Only bytes a decoder surely has may be referenced: readers disagree on the preload's
        // CR LF (POI has LF CR), and the unwritten rest of the dictionary is unspecified.
        boolean[] known = new boolean[DICTIONARY];
        byte[] preload = PRELOAD.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < preload.length; i++) {
            dictionary[i] = preload[i];
            known[i] = preload[i] != '\r' && preload[i] != '\n';
        }
        int write = preload.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        boolean ended = false;
        while (!ended) {
            int control = 0;
            ByteArrayOutputStream run = new ByteArrayOutputStream();
            for (int bit = 0; bit < 8; bit++) {
                if (at >= input.length) {
                    // The end: a reference to the write position itself.
                    control |= 1 << bit;
                    int token = (write & MASK) << 4;
                    run.write(token >>> 8);
                    run.write(token & 0xFF);
                    ended = true;
                    break;
                }
                int bestOffset = -1;
                int bestLength = 0;
                for (int offset = 0; offset < DICTIONARY; offset++) {
                    int length = matchLength(dictionary, known, offset, write, input, at);
                    if (length > bestLength) {
                        bestLength = length;
                        bestOffset = offset;
                    }
                }
                if (bestLength >= MIN_MATCH) {
                    control |= 1 << bit;
                    int token = bestOffset << 4 | (bestLength - MIN_MATCH);
                    run.write(token >>> 8);
                    run.write(token & 0xFF);
                    for (int k = 0; k < bestLength; k++) {
                        dictionary[(write + k) & MASK] = dictionary[(bestOffset + k) & MASK];
                        known[(write + k) & MASK] = true;
                    }
                    write += bestLength;
                    at += bestLength;
                } else {
                    run.write(input[at]);
                    dictionary[write & MASK] = input[at];
                    known[write & MASK] = true;
                    write++;
                    at++;
                }
            }
            out.write(control);
            out.writeBytes(run.toByteArray());
        }
        return out.toByteArray();
    }

    /** How many bytes a reference to {@code offset} would reproduce, copying byte by byte as a decoder does. */
    private static int matchLength(byte[] dictionary, boolean[] known, int offset, int write, byte[] input, int at) {
        if (offset == (write & MASK)) {
            return 0;
        }
        int limit = Math.min(MAX_MATCH, input.length - at);
        int length = 0;
        while (length < limit) {
            int source = (offset + length) & MASK;
            int alreadyCopied = (source - write) & MASK;
            byte b;
            if (alreadyCopied < length) {
                b = input[at + alreadyCopied];
            } else if (known[source]) {
                b = dictionary[source];
            } else {
                break;
            }
            if (b != input[at + length]) {
                break;
            }
            length++;
        }
        return length;
    }

    private static int crc(byte[] data) {
        int crc = 0;
        for (byte b : data) {
            crc = CRC_TABLE[(crc ^ b) & 0xFF] ^ (crc >>> 8);
        }
        return crc;
    }

    private static int[] crcTable() {
        int[] table = new int[256];
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
            }
            table[n] = c;
        }
        return table;
    }
}
