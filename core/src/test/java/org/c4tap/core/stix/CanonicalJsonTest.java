package org.c4tap.core.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Test
    void sortsMembersByUtf16CodeUnitsAsRfc8785Section323Shows() {
        ObjectNode object = JSON.objectNode()
                .put("\u20ac", "Euro Sign")
                .put("\r", "Carriage Return")
                .put("\ufb33", "Hebrew Letter Dalet With Dagesh")
                .put("1", "One")
                .put("\ud83d\ude00", "Emoji: Grinning Face")
                .put("\u0080", "Control")
                .put("\u00f6", "Latin Small Letter O With Diaeresis");

        assertThat(CanonicalJson.write(object)).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void escapesOnlyWhatJsonMustEscape() {
        ObjectNode object = JSON.objectNode().put("s", "\"\\/\b\f\n\r\t\u0000\u001f\u007f\u2028件名");

        assertThat(CanonicalJson.write(object))
                .isEqualTo("{\"s\":\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0000\\u001f\u007f\u2028件名\"}");
    }

    @Test
    void nestsWithoutWhitespaceAndKeepsArrayOrder() {
        ObjectNode object = JSON.objectNode();
        object.putObject("hashes").put("SHA-256", "ab").put("MD5", "cd");
        object.putArray("list").add("b").add("a").add(true).addNull();
        object.put("name", "x");

        assertThat(CanonicalJson.write(object))
                .isEqualTo("{\"hashes\":{\"MD5\":\"cd\",\"SHA-256\":\"ab\"},\"list\":[\"b\",\"a\",true,null],\"name\":\"x\"}");
    }

    @Test
    void writesIntegersAsPlainDigitsAndRefusesOtherNumbers() {
        assertThat(CanonicalJson.write(JSON.objectNode().put("size", 25536).put("zero", -0.0).put("whole", 3.0)))
                .isEqualTo("{\"size\":25536,\"whole\":3,\"zero\":0}");
        assertThatThrownBy(() -> CanonicalJson.write(JSON.numberNode(1.5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.write(JSON.numberNode(1L << 53))).isInstanceOf(IllegalArgumentException.class);
    }
}
