package org.c4tap.core.text;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Decodes bytes whose charset label may be missing, unknown or wrong, as Japanese mail often is:
 * UTF-8 labelled ISO-2022-JP, Windows-31J labelled Shift_JIS, NEC and IBM extension characters
 * under a plain ISO-2022-JP label. The label is tried first, strictly; when the bytes cannot be
 * what it says, the likely charsets are tried in turn; the last resort never fails.
 */
public final class TextDecoder {

    /** ISO-2022-JP with the CP50220 extensions (NEC special and IBM extended characters). */
    private static final Charset ISO_2022_JP = charset("x-windows-50220", "ISO-2022-JP");
    /** Shift_JIS as Windows writes it, the superset every "Shift_JIS" mail actually uses. */
    private static final Charset WINDOWS_31J = charset("windows-31j", "Shift_JIS");
    private static final Charset EUC_JP = charset("EUC-JP", "UTF-8");

    private TextDecoder() {
    }

    public static DecodedText decode(byte[] bytes, String label) {
        String claimed = label == null ? "" : label.strip().replace("\"", "").toLowerCase(Locale.ROOT);
        Optional<Charset> declared = resolve(claimed);
        if (declared.isPresent()) {
            Charset charset = declared.get();
            if (plausible(bytes, charset)) {
                Optional<String> text = strict(bytes, charset);
                if (text.isPresent()) {
                    return new DecodedText(JisVariants.fold(text.get()), charset.name(), Optional.empty());
                }
            }
        }
        String best = null;
        Charset bestCharset = null;
        int bestScore = Integer.MIN_VALUE;
        if (hasEightBit(bytes)) {
            // Bytes of Shift_JIS or EUC-JP almost never form valid UTF-8, while valid UTF-8 often also
            // decodes as more (so higher-scoring) two-byte characters: valid UTF-8 that reads as text wins.
            Optional<String> utf8 = strict(bytes, StandardCharsets.UTF_8);
            if (utf8.isPresent() && !hasImplausible(utf8.get())) {
                best = utf8.get();
                bestCharset = StandardCharsets.UTF_8;
                bestScore = Integer.MAX_VALUE;
            }
        }
        for (Charset candidate : bestScore == Integer.MAX_VALUE ? new Charset[0] : candidates(bytes)) {
            Optional<String> text = strict(bytes, candidate);
            if (text.isPresent()) {
                int score = plausibility(text.get());
                if (score > bestScore) {
                    best = text.get();
                    bestCharset = candidate;
                    bestScore = score;
                }
            }
        }
        if (best != null) {
            // RFC 2045: text without a charset label is US-ASCII, so plain ASCII needs no label
            boolean asciiWithoutLabel = claimed.isEmpty() && bestCharset == StandardCharsets.US_ASCII;
            return new DecodedText(JisVariants.fold(best), bestCharset.name(),
                    asciiWithoutLabel ? Optional.empty() : Optional.of(mislabel(claimed, bestCharset)));
        }
        String lenient = new String(bytes, declared.orElse(StandardCharsets.UTF_8));
        return new DecodedText(JisVariants.fold(lenient), declared.orElse(StandardCharsets.UTF_8).name(),
                Optional.of("no charset decodes the bytes cleanly; read as " + declared.orElse(StandardCharsets.UTF_8).name()
                        + " with replacement characters"));
    }

    /** The charset a label stands for, with Japanese labels widened to what mailers really send. */
    static Optional<Charset> resolve(String label) {
        if (label.isEmpty()) {
            return Optional.empty();
        }
        return switch (label) {
            case "iso-2022-jp", "iso-2022-jp-1", "iso-2022-jp-2", "iso-2022-jp-3", "csiso2022jp", "jis", "cp50220", "cp50221",
                 "cp50222" -> Optional.of(ISO_2022_JP);
            case "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "csshiftjis", "windows-31j", "cp932", "ms932",
                 "x-ms-cp932" -> Optional.of(WINDOWS_31J);
            case "euc-jp", "x-euc-jp", "eucjp", "cseucpkdfmtjapanese" -> Optional.of(EUC_JP);
            case "utf8", "unicode-1-1-utf-8" -> Optional.of(StandardCharsets.UTF_8);
            case "us-ascii", "ascii", "ansi_x3.4-1968" -> Optional.of(StandardCharsets.US_ASCII);
            default -> {
                try {
                    yield Optional.of(Charset.forName(label));
                } catch (RuntimeException unknown) {
                    yield Optional.empty();
                }
            }
        };
    }

    /**
     * Whether the bytes can be in this charset at all: 7-bit charsets (ISO-2022-JP, US-ASCII) never
     * carry bytes above 0x7F, and a strict decoder would otherwise accept UTF-8 as ISO-2022-JP.
     */
    private static boolean plausible(byte[] bytes, Charset charset) {
        if (sevenBit(charset)) {
            return !hasEightBit(bytes);
        }
        return true;
    }

    /**
     * Charsets whose encoded form never has the high bit set. A mail server may have more charsets
     * than the JDK (James carries a UTF-7 provider for IMAP), and their decoders may accept 8-bit
     * bytes without complaint, so the label alone must not make such bytes readable.
     */
    private static boolean sevenBit(Charset charset) {
        String name = charset.name().toLowerCase(Locale.ROOT);
        return charset == ISO_2022_JP || charset == StandardCharsets.US_ASCII || name.startsWith("iso-2022")
                || name.startsWith("x-windows-5022") || name.contains("utf-7") || name.contains("utf7") || name.equals("hz-gb-2312");
    }

    private static Charset[] candidates(byte[] bytes) {
        if (!hasEightBit(bytes)) {
            return hasIso2022Escape(bytes)
                    ? new Charset[] {ISO_2022_JP, StandardCharsets.US_ASCII}
                    : new Charset[] {StandardCharsets.US_ASCII};
        }
        return new Charset[] {StandardCharsets.UTF_8, WINDOWS_31J, EUC_JP, StandardCharsets.ISO_8859_1};
    }

    /**
     * How much a decoding looks like Japanese or plain text. Short EUC-JP also decodes as
     * Windows-31J half-width katakana, which almost never appears in real mail; such readings lose.
     */
    static int plausibility(String text) {
        int score = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= 0x20 && c < 0x7F) || c == '\n' || c == '\r' || c == '\t'
                    || (c >= 0x3040 && c <= 0x30FF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3000 && c <= 0x303F)
                    || (c >= 0xFF01 && c <= 0xFF5E)) {
                score += 2;
            } else if (c == 0x1B) {
                score -= 20; // an escape left undecoded: the bytes were ISO-2022-JP
            } else if (c >= 0xFF61 && c <= 0xFF9F) {
                score -= 1;
            } else if (Character.isISOControl(c) || (c >= 0xE000 && c <= 0xF8FF)) {
                score -= 3;
            }
        }
        return score;
    }

    /** Whether the text holds a character that {@link #plausibility} counts against it. */
    private static boolean hasImplausible(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ordinary = c == '\n' || c == '\r' || c == '\t';
            if (!ordinary && (Character.isISOControl(c) || (c >= 0xE000 && c <= 0xF8FF) || (c >= 0xFF61 && c <= 0xFF9F))) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> strict(byte[] bytes, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return Optional.of(decoder.decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static boolean hasEightBit(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasIso2022Escape(byte[] bytes) {
        for (int i = 0; i + 2 < bytes.length; i++) {
            if (bytes[i] == 0x1B && (bytes[i + 1] == '$' || bytes[i + 1] == '(')) {
                return true;
            }
        }
        return false;
    }

    private static String mislabel(String claimed, Charset used) {
        return (claimed.isEmpty() ? "no charset label" : "labelled '" + claimed + "'") + ", read as " + used.name();
    }

    private static Charset charset(String name, String fallback) {
        try {
            return Charset.forName(name);
        } catch (RuntimeException missing) {
            return Charset.forName(fallback);
        }
    }
}
