package org.c4tap.core.inspection;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Something about a file that makes it worth a closer look. A flag says what was seen, not that
 * the file is malicious.
 */
public enum Flag {
    /** An Office document carrying a VBA project or an Excel 4.0 macro sheet. */
    OFFICE_MACRO("office_macro"),
    /** A PDF naming JavaScript ({@code /JavaScript} or {@code /JS}). */
    PDF_JAVASCRIPT("pdf_javascript"),
    /** A PDF acting on opening or on events ({@code /OpenAction} or {@code /AA}). */
    PDF_OPEN_ACTION("pdf_open_action"),
    /** A PDF that launches programs ({@code /Launch}). */
    PDF_LAUNCH("pdf_launch"),
    /** A PDF carrying files of its own ({@code /EmbeddedFile}). */
    PDF_EMBEDDED_FILE("pdf_embedded_file"),
    /** An RTF document embedding an OLE object, the usual carrier of Office exploits. */
    RTF_OBJECT("rtf_object"),
    /** A document encrypted with a password (an encrypted Office package or an encrypted PDF). */
    ENCRYPTED_DOCUMENT("encrypted_document"),
    /** A program or script, by its magic bytes or by an extension Windows runs. */
    EXECUTABLE("executable"),
    /** A document-like extension followed by an executable one, as in {@code invoice.pdf.exe}. */
    DOUBLE_EXTENSION("double_extension"),
    /** Bidirectional control characters in the name, which make it display differently. */
    RIGHT_TO_LEFT_OVERRIDE("right_to_left_override"),
    /** An archive entry whose path climbs out of the extraction folder or is absolute. */
    PATH_TRAVERSAL("path_traversal"),
    /** Bytes of a kind the declared media type does not allow, such as a program sent as a PDF. */
    TYPE_MISMATCH("type_mismatch"),
    /** An archive with encrypted entries or headers, such as a password-protected zip. */
    ENCRYPTED_ARCHIVE("encrypted_archive"),
    /** An archive that would expand beyond the limits, or whose entries share their data. */
    ARCHIVE_BOMB("archive_bomb"),
    /** An archive the limits kept from being listed or read completely. */
    ARCHIVE_TRUNCATED("archive_truncated");

    private final String key;

    Flag(String key) {
        this.key = key;
    }

    /** The flag's stable name in reports. */
    public String key() {
        return key;
    }

    public static java.util.Optional<Flag> fromKey(String key) {
        for (Flag value : values()) {
            if (value.key.equals(key)) {
                return java.util.Optional.of(value);
            }
        }
        return java.util.Optional.empty();
    }

    /** An unmodifiable copy that iterates in declaration order. */
    static Set<Flag> frozen(Collection<Flag> flags) {
        EnumSet<Flag> copy = EnumSet.noneOf(Flag.class);
        copy.addAll(flags);
        return Collections.unmodifiableSet(copy);
    }
}
