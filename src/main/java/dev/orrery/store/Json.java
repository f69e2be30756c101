package dev.orrery.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.JsonParser;

/** The one Jackson configuration Orrery uses for its files. */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .findAndAddModules()
            .addModule(new InstantModule())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A JSON array of strings from {@code file} (a null array or element is left out). */
    public static java.util.List<String> readStrings(java.nio.file.Path file) throws java.io.IOException {
        String[] read = MAPPER.readValue(file.toFile(), String[].class);
        return read == null ? java.util.List.of() : java.util.Arrays.stream(read).filter(java.util.Objects::nonNull).toList();
    }

    /** {@code strings} as a JSON array. */
    public static byte[] writeStrings(java.util.List<String> strings) throws java.io.IOException {
        return MAPPER.writeValueAsBytes(strings);
    }
}
