package org.c4tap.core.outlook;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.DocumentEntry;
import org.apache.poi.poifs.filesystem.DocumentInputStream;
import org.apache.poi.poifs.filesystem.Entry;

/**
 * One storage of a {@code .msg} (a message, a recipient or an attachment) read through POIFS
 * within the bounds of one read. Every value is read once, on demand; a value that cannot be read
 * becomes a note of the storage's failure kind, never an exception.
 */
final class MapiStorage {

    private static final String VALUE_PREFIX = "__SUBSTG1.0_";

    private final Map<String, Entry> entries;
    private final PropertyStream properties;
    private final String where;
    private final OutlookNote.Kind failureKind;
    private final Charset ansi;
    private final ReadScope scope;

    private MapiStorage(DirectoryEntry directory, PropertyStream.Header header, String where,
            OutlookNote.Kind failureKind, Charset inheritedAnsi, ReadScope scope) {
        this.where = where;
        this.failureKind = failureKind;
        this.scope = scope;
        this.entries = new HashMap<>();
        // Compound file names compare case-insensitively ([MS-CFB] 2.6.4); some writers use lower-case hex.
        for (Entry entry : directory) {
            entries.putIfAbsent(entry.getName().toUpperCase(Locale.ROOT), entry);
        }
        this.properties = propertyStream(header);
        this.ansi = properties.integer(MapiProperty.MESSAGE_CODEPAGE).stream()
                .mapToObj(WindowsCodepage::charset).flatMap(Optional::stream).findFirst().orElse(inheritedAnsi);
    }

    /**
     * Opens a storage and reads its property stream.
     *
     * @param where         how notes name this storage, such as {@code attachment 2}
     * @param failureKind   the kind of note for values that cannot be read
     * @param inheritedAnsi the charset of 8-bit strings unless the storage names its own code page
     */
    static MapiStorage open(DirectoryEntry directory, PropertyStream.Header header, String where,
            OutlookNote.Kind failureKind, Charset inheritedAnsi, ReadScope scope) {
        return new MapiStorage(directory, header, where, failureKind, inheritedAnsi, scope);
    }

    /** Whether the storage holds no MAPI property at all, as a compound file that is no message. */
    boolean holdsNoProperties() {
        return entries.keySet().stream().noneMatch(name -> name.equals(PropertyStream.NAME.toUpperCase(Locale.ROOT))
                || name.startsWith(VALUE_PREFIX));
    }

    /** The charset of this storage's 8-bit strings. */
    Charset ansi() {
        return ansi;
    }

    /** A string property, Unicode if stored so, else 8-bit; cut at the property limit. */
    Optional<String> string(MapiProperty property) {
        Optional<byte[]> unicode = read(property, MapiType.UNICODE, scope.limits().maxPropertyBytes());
        if (unicode.isPresent()) {
            byte[] bytes = unicode.get();
            return Optional.of(withoutTrailingNuls(new String(bytes, 0, bytes.length & ~1, StandardCharsets.UTF_16LE)));
        }
        return read(property, MapiType.STRING8, scope.limits().maxPropertyBytes())
                .map(bytes -> withoutTrailingNuls(new String(bytes, ansi)));
    }

    /** A binary property such as HTML or compressed RTF, cut at the property limit. */
    Optional<byte[]> binary(MapiProperty property) {
        return read(property, MapiType.BINARY, scope.limits().maxPropertyBytes());
    }

    /** A binary property read whole, as attachment data must be; bounded by the read budget alone. */
    Optional<byte[]> wholeBinary(MapiProperty property) {
        return read(property, MapiType.BINARY, Integer.MAX_VALUE);
    }

    boolean has(MapiProperty property, MapiType type) {
        return entries.containsKey(property.streamName(type).toUpperCase(Locale.ROOT));
    }

    OptionalLong integer(MapiProperty property) {
        return properties.integer(property);
    }

    Optional<Instant> time(MapiProperty property) {
        return properties.time(property);
    }

    /** A property held as a storage of its own, as an attached message is. */
    Optional<DirectoryEntry> storage(MapiProperty property) {
        return entries.get(property.streamName(MapiType.OBJECT).toUpperCase(Locale.ROOT)) instanceof DirectoryEntry directory
                ? Optional.of(directory)
                : Optional.empty();
    }

    /** The storages named {@code prefix} and a hex number, such as the recipients, in number order. */
    List<DirectoryEntry> numberedStorages(String prefix) {
        String upperPrefix = prefix.toUpperCase(Locale.ROOT);
        return entries.entrySet().stream()
                .filter(named -> named.getKey().startsWith(upperPrefix) && named.getValue() instanceof DirectoryEntry)
                .sorted(Comparator.comparingLong((Map.Entry<String, Entry> named) -> number(named.getKey(), upperPrefix.length()))
                        .thenComparing(Map.Entry::getKey))
                .map(named -> (DirectoryEntry) named.getValue())
                .toList();
    }

    private PropertyStream propertyStream(PropertyStream.Header header) {
        if (!(entries.get(PropertyStream.NAME.toUpperCase(Locale.ROOT)) instanceof DocumentEntry document)) {
            if (!holdsNoProperties()) {
                scope.note(failureKind, where + ": no property stream; fixed-size properties unknown");
            }
            return PropertyStream.EMPTY;
        }
        // Bounded by the read budget only: the entries are the storage's structure, not content.
        Optional<byte[]> stream = read(document, "property stream", Integer.MAX_VALUE);
        if (stream.isEmpty()) {
            return PropertyStream.EMPTY;
        }
        if (!PropertyStream.isWhole(stream.get().length, header)) {
            scope.note(failureKind, where + ": property stream does not end on an entry boundary");
        }
        return PropertyStream.parse(stream.get(), header);
    }

    private Optional<byte[]> read(MapiProperty property, MapiType type, int cap) {
        return entries.get(property.streamName(type).toUpperCase(Locale.ROOT)) instanceof DocumentEntry document
                ? read(document, "property " + property.hex(type), cap)
                : Optional.empty();
    }

    private Optional<byte[]> read(DocumentEntry document, String what, int cap) {
        int size = document.getSize();
        int wanted = Math.min(size, cap);
        if (size > cap) {
            scope.note(OutlookNote.Kind.LIMIT_EXCEEDED, where + " " + what + ": " + size + " bytes, kept the first " + cap);
        }
        if (!scope.budget().takeBytes(wanted)) {
            scope.note(OutlookNote.Kind.LIMIT_EXCEEDED, where + " " + what + ": " + size
                    + " bytes, more than the file has left for its streams; not read");
            return Optional.empty();
        }
        try (DocumentInputStream in = new DocumentInputStream(document)) {
            byte[] bytes = in.readNBytes(wanted);
            if (bytes.length < wanted) {
                scope.note(failureKind, where + " " + what + ": ends after " + bytes.length + " of " + wanted + " bytes");
                return Optional.empty();
            }
            return Optional.of(bytes);
        } catch (IOException | RuntimeException unreadable) {
            scope.note(failureKind, where + " " + what + " could not be read (" + unreadable.getClass().getSimpleName() + ")");
            return Optional.empty();
        }
    }

    private static long number(String name, int from) {
        try {
            return Long.parseLong(name.substring(from), 16);
        } catch (NumberFormatException notNumbered) {
            return Long.MAX_VALUE;
        }
    }

    private static String withoutTrailingNuls(String value) {
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == '\0') {
            end--;
        }
        return value.substring(0, end);
    }
}
