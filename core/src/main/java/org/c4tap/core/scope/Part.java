package org.c4tap.core.scope;

import java.util.Optional;

/**
 * The kinds of information (情報の種類) a report is divided into. The provider designates a scope
 * for each kind, so one report can reach different audiences part by part.
 */
public enum Part {
    /** URLs, domains, IP and e-mail addresses found in the reported mail. */
    INDICATORS("indicators"),
    /** Fingerprints of the reported mail's attachments; never the bytes themselves. */
    ATTACHMENTS("attachments"),
    /** The reported mail's own header fields: subject, sender, recipients, dates, relays. */
    HEADERS("headers"),
    /** An excerpt of the reported mail's text. */
    BODY("body"),
    /** The SpamAssassin analysis of the reported mail. */
    SPAM("spam"),
    /** Who reported the mail, and which internal recipients it reached. */
    REPORTER("reporter"),
    /** Which organisation provided the report. */
    PROVIDER_NAME("provider_name"),
    /** The sector of the organisation that provided the report. */
    PROVIDER_SECTOR("provider_sector");

    private final String key;

    Part(String key) {
        this.key = key;
    }

    /** The key used for this part in report JSON and configuration. */
    public String key() {
        return key;
    }

    public static Optional<Part> fromKey(String key) {
        for (Part part : values()) {
            if (part.key.equals(key)) {
                return Optional.of(part);
            }
        }
        return Optional.empty();
    }
}
