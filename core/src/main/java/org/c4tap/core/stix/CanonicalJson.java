package org.c4tap.core.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON written the one way RFC 8785 (the JSON Canonicalization Scheme) allows, so that the names
 * hashed into deterministic identifiers are the same bytes for every producer: no whitespace,
 * object members sorted by the UTF-16 code units of their names, strings escaped only where JSON
 * must escape them (control characters as lower-case <code>&#92;u00xx</code> unless they have a short
 * form), everything else written as it is.
 *
 * <p>Numbers are limited to integers within ±(2<sup>53</sup>−1), which RFC 8785 writes as plain
 * decimal digits: no ID contributing property of the objects made here is any other number, and
 * refusing one is better than hashing a rendering that another producer would write differently.
 */
final class CanonicalJson {

    private static final long MAX_EXACT_INTEGER = (1L << 53) - 1;

    private CanonicalJson() {
    }

    static String write(JsonNode node) {
        StringBuilder out = new StringBuilder();
        append(node, out);
        return out.toString();
    }

    private static void append(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> appendObject(node, out);
            case ARRAY -> appendArray(node, out);
            case STRING -> appendString(node.textValue(), out);
            case NUMBER -> appendInteger(node, out);
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            case BINARY, MISSING, POJO -> throw new IllegalArgumentException("not JSON data: " + node.getNodeType());
        }
    }

    private static void appendObject(JsonNode object, StringBuilder out) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        // String order is the order of UTF-16 code units, which is exactly what RFC 8785 §3.2.3 asks for.
        names.sort(null);
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendString(names.get(i), out);
            out.append(':');
            append(object.get(names.get(i)), out);
        }
        out.append('}');
    }

    private static void appendArray(JsonNode array, StringBuilder out) {
        out.append('[');
        for (int i = 0; i < array.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            append(array.get(i), out);
        }
        out.append(']');
    }

    private static void appendString(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void appendInteger(JsonNode number, StringBuilder out) {
        if (!number.canConvertToExactIntegral() || !number.canConvertToLong()
                || Math.abs(number.longValue()) > MAX_EXACT_INTEGER) {
            throw new IllegalArgumentException("only integers within ±(2^53-1) are written canonically here: " + number);
        }
        out.append(number.longValue());
    }
}
