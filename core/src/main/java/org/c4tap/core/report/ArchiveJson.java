package org.c4tap.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.c4tap.core.fingerprint.Fingerprint;
import org.c4tap.core.inspection.ArchiveEntry;
import org.c4tap.core.inspection.ArchiveFormat;
import org.c4tap.core.inspection.ArchiveListing;
import org.c4tap.core.inspection.Flag;
import org.c4tap.core.inspection.NameEncoding;

/**
 * The JSON form of an archive listing inside a report's attachments, nested as the archives are,
 * and of the fingerprints and flags of its entries.
 */
final class ArchiveJson {

    private static final int MAX_DEPTH = 8;

    private ArchiveJson() {
    }

    static ObjectNode write(ArchiveListing listing) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("format", listing.format().key());
        node.put("encrypted", listing.encrypted());
        node.put("bomb", listing.bomb());
        node.put("truncated", listing.truncated());
        node.put("total_size", listing.totalSize());
        node.put("total_compressed_size", listing.totalCompressedSize());
        node.put("ratio", Math.round(listing.ratio() * 100) / 100.0);
        ArrayNode entries = node.putArray("entries");
        for (ArchiveEntry entry : listing.entries()) {
            ObjectNode item = entries.addObject();
            item.put("path", entry.path());
            item.put("name_encoding", entry.nameEncoding().key());
            entry.size().ifPresent(size -> item.put("size", size));
            entry.compressedSize().ifPresent(size -> item.put("compressed_size", size));
            item.put("encrypted", entry.encrypted());
            entry.fingerprint().ifPresent(fingerprint -> fingerprint(item, fingerprint));
            flags(item.putArray("flags"), entry.flags());
            entry.nested().ifPresent(nested -> item.set("archive", write(nested)));
        }
        return node;
    }

    static void fingerprint(ObjectNode node, Fingerprint fingerprint) {
        node.put("md5", fingerprint.md5());
        node.put("sha1", fingerprint.sha1());
        node.put("sha256", fingerprint.sha256());
        node.put("sha512", fingerprint.sha512());
        node.put("ssdeep", fingerprint.ssdeep());
        node.put("tlsh", fingerprint.tlsh());
    }

    static Fingerprint fingerprint(JsonNode node, long size) {
        return new Fingerprint(size, node.path("md5").asText(""), node.path("sha1").asText(""), node.path("sha256").asText(""),
                node.path("sha512").asText(""), node.path("ssdeep").asText(""), node.path("tlsh").asText(""));
    }

    static void flags(ArrayNode array, Set<Flag> flags) {
        flags.forEach(flag -> array.add(flag.key()));
    }

    static Set<Flag> flags(JsonNode array) {
        Set<Flag> flags = EnumSet.noneOf(Flag.class);
        array.forEach(node -> Flag.fromKey(node.asText("")).ifPresent(flags::add));
        return flags;
    }

    static Optional<ArchiveListing> read(JsonNode node) throws ReportFormatException {
        return read(node, 0);
    }

    private static Optional<ArchiveListing> read(JsonNode node, int depth) throws ReportFormatException {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        if (depth > MAX_DEPTH) {
            throw new ReportFormatException("archive listings nest deeper than " + MAX_DEPTH);
        }
        ArchiveFormat format = ArchiveFormat.fromKey(node.path("format").asText(""))
                .orElseThrow(() -> new ReportFormatException("an archive listing has an unknown format"));
        List<ArchiveEntry> entries = new ArrayList<>();
        for (JsonNode item : node.path("entries")) {
            Optional<Fingerprint> fingerprint = Optional.empty();
            if (item.has("sha256")) {
                try {
                    fingerprint = Optional.of(fingerprint(item, item.path("size").asLong(0)));
                } catch (IllegalArgumentException | NullPointerException e) {
                    throw new ReportFormatException("an archive entry's fingerprint is malformed: " + e.getMessage());
                }
            }
            entries.add(new ArchiveEntry(item.path("path").asText(""), NameEncoding.fromKey(item.path("name_encoding").asText("")),
                    item.has("size") ? OptionalLong.of(item.path("size").asLong()) : OptionalLong.empty(),
                    item.has("compressed_size") ? OptionalLong.of(item.path("compressed_size").asLong()) : OptionalLong.empty(),
                    item.path("encrypted").asBoolean(false), fingerprint, read(item.get("archive"), depth + 1),
                    flags(item.path("flags"))));
        }
        return Optional.of(new ArchiveListing(format, node.path("encrypted").asBoolean(false), entries,
                node.path("total_size").asLong(0), node.path("total_compressed_size").asLong(0), node.path("ratio").asDouble(0),
                node.path("bomb").asBoolean(false), node.path("truncated").asBoolean(false)));
    }
}
