package dev.orrery.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.orrery.store.Json;

/**
 * Prints a command's {@code --json} answer: one JSON document on standard output, fields in the
 * order of the record that describes it, absent values as {@code null} (never left out, so the
 * shape is the same every time). The shapes are the records in {@link JsonShapes}; the README
 * documents them and {@code JsonShapesTest} pins them.
 */
final class JsonOutput {
    private static final ObjectWriter WRITER = Json.mapper().writerWithDefaultPrettyPrinter();

    private JsonOutput() {
    }

    static void print(CliContext ctx, Object value) throws JsonProcessingException {
        ctx.out().println(WRITER.writeValueAsString(value));
    }
}
