package org.c4tap.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.c4tap.core.report.Report;
import org.c4tap.core.report.ReportJson;

/**
 * The report JSON Schema as users get it, {@code config/c4tap-report.schema.json} of this
 * project (not a copy), with format assertions on. Any test that makes a report can check it
 * with {@link #violations(Report)}.
 */
public final class ReportSchema {

    /** The schema file, from the module's folder (Maven runs tests there). */
    public static final Path FILE = Path.of("..", "config", "c4tap-report.schema.json");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode TREE = read(FILE);
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(TREE, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());

    private ReportSchema() {
    }

    /** The schema document itself. */
    public static JsonNode tree() {
        return TREE.deepCopy();
    }

    /** What the schema finds wrong with the report as {@link ReportJson#write} writes it, as text; empty when valid. */
    public static List<String> violations(Report report) {
        try {
            return violations(JSON.readTree(ReportJson.write(report)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the schema finds wrong with a JSON document, one line per error, sorted; empty when valid. */
    public static List<String> violations(JsonNode json) {
        return SCHEMA.validate(json).stream().map(ValidationMessage::toString).sorted().toList();
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report schema at " + file.toAbsolutePath(), e);
        }
    }
}
