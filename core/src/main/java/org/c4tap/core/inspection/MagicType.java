package org.c4tap.core.inspection;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;

/**
 * The media type bytes show by their magic, from Tika's type database, with no file name to
 * mislead it; and whether a declared type can describe those bytes at all.
 */
final class MagicType {

    /** Tika's database, loaded once; detection only reads it, so threads share it. */
    private static final MimeTypes TYPES = MimeTypes.getDefaultMimeTypes();

    private MagicType() {
    }

    static MediaType of(byte[] content) {
        try {
            return TYPES.detect(new ByteArrayInputStream(content), new Metadata());
        } catch (IOException impossible) {
            throw new UncheckedIOException("reading from memory failed", impossible);
        }
    }

    /**
     * Whether the declared type rules out what the bytes are, as when a program is sent as a PDF.
     * Only judged when both types say something: not when either is the catch-all
     * {@code application/octet-stream}, the bytes are merely text (magic cannot tell text formats
     * apart), or Tika does not know the declared type.
     */
    static boolean contradicts(String declaredType, MediaType detected) {
        MediaType declared = declaredType == null ? null : MediaType.parse(declaredType.strip());
        if (declared == null || declared.equals(MediaType.OCTET_STREAM) || detected.equals(MediaType.OCTET_STREAM)
                || detected.getBaseType().equals(MediaType.TEXT_PLAIN) || !known(declared)) {
            return false;
        }
        MediaTypeRegistry registry = TYPES.getMediaTypeRegistry();
        MediaType declaredBase = registry.normalize(declared.getBaseType());
        MediaType detectedBase = registry.normalize(detected.getBaseType());
        return !declaredBase.equals(detectedBase)
                && !registry.isSpecializationOf(declaredBase, detectedBase)
                && !registry.isSpecializationOf(detectedBase, declaredBase);
    }

    private static boolean known(MediaType type) {
        try {
            return TYPES.getRegisteredMimeType(type.getBaseType().toString()) != null;
        } catch (MimeTypeException unparseable) {
            return false;
        }
    }
}
