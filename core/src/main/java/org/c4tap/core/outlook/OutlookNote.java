package org.c4tap.core.outlook;

import java.util.Locale;
import java.util.Objects;

/**
 * Something an Outlook reader could not read or left out, recorded instead of thrown. The detail
 * names where (such as {@code attachment 3} or a property tag) and why, and never quotes content.
 */
public record OutlookNote(Kind kind, String detail) {

    /** What went wrong, in the words the report uses ({@link #code()}). */
    public enum Kind {
        /** The file is not an Outlook message, or its container could not be opened. */
        MSG_UNREADABLE,
        /** The file ends before the data it declares. */
        MSG_TRUNCATED,
        /** A property of the message or of a recipient could not be read. */
        PROPERTY_UNREADABLE,
        /** An attachment, or its data, could not be read. */
        ATTACHMENT_UNREADABLE,
        /** A bound of {@link OutlookLimits} was reached; the rest was not read. */
        LIMIT_EXCEEDED,
        /** The input is not TNEF, or a part of it could not be parsed. */
        TNEF_UNREADABLE,
        /** The TNEF stream ends inside an attribute. */
        TNEF_TRUNCATED,
        /** A TNEF attribute's data does not add up to its checksum; it is read as it is. */
        TNEF_CHECKSUM_MISMATCH;

        /** The lower-case code, such as {@code msg_truncated}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public OutlookNote {
        Objects.requireNonNull(kind, "kind");
        detail = detail == null ? "" : detail;
    }
}
