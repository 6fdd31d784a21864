package org.c4tap.core.inspection;

/** What kind of thing an inspection could not do, or stopped doing. */
public enum NoteKind {
    /** The bytes carry an archive's signature but no entry could be listed. */
    ARCHIVE_UNREADABLE("archive_unreadable"),
    /** Part of an archive is damaged or missing; what could be listed was listed. */
    ARCHIVE_DAMAGED("archive_damaged"),
    /** The name says archive but the bytes carry no archive signature. */
    ARCHIVE_UNRECOGNISED("archive_unrecognised"),
    /** An entry's data could not be decompressed. */
    ENTRY_UNREADABLE("entry_unreadable"),
    /** A document's structure could not be read, so its content flags may be missing. */
    DOCUMENT_UNREADABLE("document_unreadable"),
    /** The archive encrypts its names, so its entries are unknown. */
    NAMES_ENCRYPTED("names_encrypted"),
    /** An archive was declared or seen to be a bomb, and was therefore not unpacked. */
    ARCHIVE_BOMB("archive_bomb"),
    /** An entry decompressed to a size other than the one it declares. */
    SIZE_MISMATCH("size_mismatch"),
    /** A zip entry's local header names it differently from the central directory. */
    NAME_MISMATCH("name_mismatch"),
    /** An archive inside archives deeper than the limit was not listed. */
    DEPTH_LIMIT("depth_limit"),
    /** An archive had more entries than the limit; the rest were not listed. */
    ENTRY_LIMIT("entry_limit"),
    /** Reading stopped at the limit on bytes per entry or in all. */
    SIZE_LIMIT("size_limit"),
    /** Reading stopped at the time limit. */
    TIME_LIMIT("time_limit"),
    /** Further notes were dropped. */
    NOTE_LIMIT("note_limit");

    private final String key;

    NoteKind(String key) {
        this.key = key;
    }

    /** The kind's stable name in reports. */
    public String key() {
        return key;
    }
}
