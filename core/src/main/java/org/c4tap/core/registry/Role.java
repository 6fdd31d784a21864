package org.c4tap.core.registry;

import java.util.Locale;
import java.util.Optional;

/** What an organisation is to the council, which decides the scopes it may receive. */
public enum Role {
    SECRETARIAT,
    ANALYST,
    PARTICIPANT,
    OBSERVER,
    RELATED,
    PUBLIC;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromKey(String key) {
        for (Role role : values()) {
            if (role.key().equals(key)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
