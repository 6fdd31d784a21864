package org.c4tap.core.inspection;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/** An archive entry's name as text, and how its bytes were read. */
record EntryName(String path, NameEncoding encoding) {

    private static final Charset WINDOWS_31J = Charset.forName("windows-31j");
    private static final Charset CP437 = Charset.forName("IBM437");

    EntryName {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(encoding, "encoding");
    }

    /**
     * Reads undeclared name bytes: ASCII if that is all they are, else UTF-8 if they are valid
     * UTF-8, else Windows-31J if valid there (Japanese zip tools write it without any flag), else
     * the format's default charset, which maps every byte.
     *
     * @param fallback {@link NameEncoding#CP437} or {@link NameEncoding#ISO_8859_1}
     */
    static EntryName guess(byte[] raw, NameEncoding fallback) {
        if (isAscii(raw)) {
            return new EntryName(new String(raw, StandardCharsets.US_ASCII), NameEncoding.ASCII);
        }
        Optional<String> utf8 = strictly(raw, StandardCharsets.UTF_8);
        if (utf8.isPresent()) {
            return new EntryName(utf8.get(), NameEncoding.UTF_8_GUESSED);
        }
        Optional<String> shiftJis = strictly(raw, WINDOWS_31J);
        if (shiftJis.isPresent()) {
            return new EntryName(shiftJis.get(), NameEncoding.WINDOWS_31J_GUESSED);
        }
        return switch (fallback) {
            case CP437 -> new EntryName(new String(raw, CP437), NameEncoding.CP437);
            case ISO_8859_1 -> new EntryName(new String(raw, StandardCharsets.ISO_8859_1), NameEncoding.ISO_8859_1);
            default -> throw new IllegalArgumentException("not a default charset: " + fallback);
        };
    }

    /** Reads name bytes flagged as UTF-8, falling back to guessing when the flag lies. */
    static EntryName flaggedUtf8(byte[] raw, NameEncoding fallback) {
        return strictly(raw, StandardCharsets.UTF_8)
                .map(name -> new EntryName(name, NameEncoding.UTF_8))
                .orElseGet(() -> guess(raw, fallback));
    }

    /** The text, when the bytes decode without error and without control characters. */
    private static Optional<String> strictly(byte[] raw, Charset charset) {
        try {
            String text = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
            return text.chars().anyMatch(Character::isISOControl) ? Optional.empty() : Optional.of(text);
        } catch (CharacterCodingException notThisCharset) {
            return Optional.empty();
        }
    }

    private static boolean isAscii(byte[] raw) {
        for (byte b : raw) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
