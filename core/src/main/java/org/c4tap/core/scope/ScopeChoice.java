package org.c4tap.core.scope;

import java.util.Objects;

/**
 * The scope a reporter asked for, and the channel it came through. The channel is always the
 * reporter's own (the address they wrote to, the subject of their submission) or the gateway's
 * configuration, never the text of the reported mail, which the attacker wrote.
 */
public record ScopeChoice(Scope scope, Origin origin) {

    public enum Origin {
        /** Nothing was asked for; the configuration's defaults apply. */
        CONFIGURED_DEFAULT("configured_default"),
        /** A sub-address of the report address, such as {@code report+amber@}. */
        SUBADDRESS("subaddress"),
        /** A tag such as {@code [AMBER]} in the subject of the submission. */
        SUBJECT_TAG("subject_tag");

        private final String key;

        Origin(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public static Origin fromKey(String key) {
            for (Origin origin : values()) {
                if (origin.key.equals(key)) {
                    return origin;
                }
            }
            return CONFIGURED_DEFAULT;
        }
    }

    public ScopeChoice {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(origin, "origin");
    }

    public boolean requested() {
        return origin != Origin.CONFIGURED_DEFAULT;
    }
}
