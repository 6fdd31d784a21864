package org.c4tap.core.stix;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * An observable that is nothing but its value, which is also its only ID contributing property:
 * a URL, a domain name, an IPv4 or an IPv6 address, as the indicators part lists them (refanged).
 */
record NetworkValue(Kind kind, String value) implements Observable {

    enum Kind {
        URL("url"),
        DOMAIN_NAME("domain-name"),
        IPV4_ADDR("ipv4-addr"),
        IPV6_ADDR("ipv6-addr");

        private final String type;

        Kind(String type) {
            this.type = type;
        }
    }

    NetworkValue {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String type() {
        return kind.type;
    }

    @Override
    public ObjectNode idContributingProperties() {
        return properties();
    }

    @Override
    public ObjectNode properties() {
        return JsonNodeFactory.instance.objectNode().put("value", value);
    }
}
