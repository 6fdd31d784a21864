package org.c4tap.core.stix;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;
import java.util.regex.Pattern;
import org.c4tap.core.report.HeaderField;

/**
 * The reported mail's header fields that an {@code email-message} has no property of its own for,
 * as its {@code additional_header_fields} dictionary: each field name (spelt as it first occurs)
 * with its value, or with all its values in order when the field occurs more than once.
 *
 * <p>A single value is a string and repeated values a list, as the spec's examples and the
 * official JSON schema have it (the prose of §6.6 asks for a list always, which the schema
 * rejects for a single value). A field whose name cannot be a STIX dictionary key (§2.3: ASCII
 * letters, digits, hyphen and underscore, at most 250) is left out rather than renamed.
 */
record AdditionalHeaderFields(SequencedMap<String, List<String>> fields) {

    /** Fields that have properties of their own: date, received_lines, content_type, the refs, message_id, subject. */
    private static final Set<String> CARRIED_ELSEWHERE = Set.of("date", "received", "content-type", "from", "sender", "to",
            "cc", "bcc", "message-id", "subject");
    private static final Pattern DICTIONARY_KEY = Pattern.compile("[A-Za-z0-9_-]{1,250}");

    AdditionalHeaderFields {
        SequencedMap<String, List<String>> copy = new LinkedHashMap<>();
        fields.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        fields = Collections.unmodifiableSequencedMap(copy);
    }

    /**
     * @param headerFields every header field of the mail, in order
     * @param replyTo      the Reply-To the report names, added when no field gives it (the header
     *                     block of an inline forward names it but lists no fields)
     */
    static AdditionalHeaderFields of(List<HeaderField> headerFields, String replyTo) {
        SequencedMap<String, List<String>> fields = new LinkedHashMap<>();
        Map<String, String> spelling = new HashMap<>();
        for (HeaderField field : headerFields) {
            String lower = field.name().toLowerCase(Locale.ROOT);
            if (CARRIED_ELSEWHERE.contains(lower) || !DICTIONARY_KEY.matcher(field.name()).matches()) {
                continue;
            }
            String name = spelling.computeIfAbsent(lower, first -> field.name());
            fields.computeIfAbsent(name, first -> new ArrayList<>()).add(field.value());
        }
        if (!replyTo.isEmpty() && !spelling.containsKey("reply-to")) {
            fields.put("Reply-To", List.of(replyTo));
        }
        return new AdditionalHeaderFields(fields);
    }

    boolean isEmpty() {
        return fields.isEmpty();
    }

    ObjectNode toJson() {
        ObjectNode dictionary = JsonNodeFactory.instance.objectNode();
        fields.forEach((name, values) -> {
            if (values.size() == 1) {
                dictionary.put(name, values.getFirst());
            } else {
                ArrayNode list = dictionary.putArray(name);
                values.forEach(list::add);
            }
        });
        return dictionary;
    }
}
