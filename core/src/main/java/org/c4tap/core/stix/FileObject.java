package org.c4tap.core.stix;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.c4tap.core.fingerprint.Fingerprint;
import org.c4tap.core.report.Attachment;

/**
 * A {@code file}: one attachment as the attachments part fingerprints it. The name and one hash,
 * the most preferred the fingerprint has, contribute to the identifier (§6.7).
 *
 * @param name     the decoded file name, or empty when the part had none
 * @param mimeType the declared media type
 */
record FileObject(String name, String mimeType, Fingerprint fingerprint) implements Observable {

    FileObject {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    static FileObject of(Attachment attachment) {
        return new FileObject(attachment.filename(), attachment.contentType(), attachment.fingerprint());
    }

    @Override
    public String type() {
        return "file";
    }

    @Override
    public ObjectNode idContributingProperties() {
        ObjectNode contributing = JsonNodeFactory.instance.objectNode();
        for (FileHash hash : FileHash.values()) {
            if (!hash.of(fingerprint).isEmpty()) {
                contributing.putObject("hashes").put(hash.stixName(), hash.of(fingerprint));
                break;
            }
        }
        if (!name.isEmpty()) {
            contributing.put("name", name);
        }
        return contributing;
    }

    @Override
    public ObjectNode properties() {
        ObjectNode hashes = JsonNodeFactory.instance.objectNode();
        for (FileHash hash : FileHash.values()) {
            if (!hash.of(fingerprint).isEmpty()) {
                hashes.put(hash.stixName(), hash.of(fingerprint));
            }
        }
        ObjectNode properties = JsonNodeFactory.instance.objectNode();
        if (!hashes.isEmpty()) {
            properties.set("hashes", hashes);
        }
        properties.put("size", fingerprint.size());
        if (!name.isEmpty()) {
            properties.put("name", name);
        }
        properties.put("mime_type", mimeType);
        return properties;
    }
}
