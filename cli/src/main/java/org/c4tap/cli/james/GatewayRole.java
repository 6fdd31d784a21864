package org.c4tap.cli.james;

import java.util.Locale;

/** Which of the two gateways a James server is. */
public enum GatewayRole {
    OPERATOR,
    COUNCIL;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static GatewayRole parse(String value) {
        for (GatewayRole role : values()) {
            if (role.key().equalsIgnoreCase(value.strip())) {
                return role;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a gateway role; use operator or council");
    }
}
