package dev.orrery.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.orrery.model.SafeText;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How cluster files are read: strictly, and with messages for people. Nothing is coerced — a
 * {@code "port": "3000"}, {@code 3000.9} or {@code true}, a {@code "name": true}, a
 * {@code "kind": 1} are refused — and a {@code null} inside a list or map is refused. Jackson's
 * own exceptions are turned into the field, what was expected and what was found
 * ({@link #problem}), never a Java type name.
 */
final class ClusterJson {
    /** Deeper than any cluster file (about 6 levels) by far; a bomb of brackets is refused early. */
    static final int MAX_DEPTH = 64;

    private static final ObjectMapper STRICT = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH).maxNumberLength(40).maxStringLength((int) ClusterFile.MAX_BYTES).build())
                    .build())
            .addModule(new InstantModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .withCoercionConfigDefaults(c -> {
                for (CoercionInputShape shape : new CoercionInputShape[]{CoercionInputShape.Integer, CoercionInputShape.Float,
                        CoercionInputShape.Boolean, CoercionInputShape.String, CoercionInputShape.EmptyString,
                        CoercionInputShape.EmptyArray, CoercionInputShape.EmptyObject}) {
                    c.setCoercion(shape, CoercionAction.Fail);
                }
            })
            .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
            .build();

    private ClusterJson() {
    }

    static ObjectMapper mapper() {
        return STRICT;
    }

    /** A reading failure as line, field and message. */
    record Problem(int line, String field, String message) {
    }

    /** What went wrong, in words: the field (e.g. {@code cluster.servers[2].sshPort}), expected and found. */
    static Problem problem(JsonProcessingException e) {
        return problem(e, e.getProcessor() instanceof JsonParser p ? p : null);
    }

    /** @param parser the parser that read the file, when the exception does not carry it (a limit exceeded) */
    static Problem problem(JsonProcessingException e, JsonParser parser) {
        JsonLocation loc = e.getLocation() != null ? e.getLocation() : parser != null ? parser.currentLocation() : null;
        int line = loc != null ? Math.max(loc.getLineNr(), 0) : 0;
        String field = e instanceof JsonMappingException m ? path(m.getPath()) : null;
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", "));
            String parent = path(u.getPath().subList(0, u.getPath().size() - 1));
            return new Problem(line, parent, "unknown field \"" + SafeText.quote(u.getPropertyName()) + "\""
                    + (known.isEmpty() ? "" : "; the fields here are " + known));
        }
        if (e instanceof InvalidNullException) {
            return new Problem(line, field, "expected " + expected(((MismatchedInputException) e).getTargetType()) + ", found null");
        }
        if (e instanceof InvalidFormatException f) {
            return new Problem(line, field, "expected " + expected(f.getTargetType()) + ", found " + found(f.getValue()));
        }
        if (e instanceof MismatchedInputException m) {
            return new Problem(line, field, "expected " + expected(m.getTargetType()) + ", found " + found(e));
        }
        if (e instanceof ValueInstantiationException v) {
            Throwable cause = v.getCause();
            String why = cause != null && cause.getMessage() != null ? cause.getMessage() : "a required value is missing";
            return new Problem(line, field, "is not valid: " + why);
        }
        if (field == null && parser != null && !parser.isClosed()) {
            field = where(parser);
        }
        if (e instanceof StreamConstraintsException) {
            return new Problem(line, field, constraint(e.getOriginalMessage()));
        }
        return new Problem(line, field, syntax(e.getOriginalMessage()));
    }

    /** Where a streaming parser stopped, as a field path: {@code cluster.app.environment}; null at the top. */
    static String where(JsonParser p) {
        StringBuilder sb = new StringBuilder();
        for (com.fasterxml.jackson.core.JsonStreamContext c = p.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            String part = c.inArray() ? "[" + Math.max(0, c.getCurrentIndex()) + "]"
                    : c.getCurrentName() == null ? "" : "." + (c.getCurrentName().matches("[A-Za-z_][A-Za-z0-9_]*") ? c.getCurrentName()
                    : "\"" + SafeText.quote(c.getCurrentName()) + "\"");
            sb.insert(0, part);
        }
        String s = sb.toString().replaceFirst("^\\.", "");
        return s.isEmpty() ? null : s;
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        if (refs.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                String name = r.getFieldName();
                sb.append(sb.length() == 0 ? "" : ".").append(name.matches("[A-Za-z_][A-Za-z0-9_]*") ? name : "\"" + SafeText.quote(name) + "\"");
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** What a field of this type holds, in words. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type == String.class) {
            return "text";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Instant.class) {
            return "a time as text, such as \"2026-01-31T12:00:00Z\"";
        }
        if (type.isEnum()) {
            return "one of " + enumWords(type);
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }

    /** The JSON spellings of an enum's values: "nginx", "haproxy". */
    private static String enumWords(Class<?> type) {
        return java.util.Arrays.stream(type.getEnumConstants()).map(c -> {
            Enum<?> e = (Enum<?>) c;
            try {
                Field f = type.getField(e.name());
                JsonProperty p = f.getAnnotation(JsonProperty.class);
                return "\"" + (p != null ? p.value() : e.name()) + "\"";
            } catch (NoSuchFieldException x) {
                return "\"" + e.name() + "\"";
            }
        }).collect(Collectors.joining(", "));
    }

    /** The value the parser stopped on, in words. */
    private static String found(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof JsonParser p)) {
            return "something else";
        }
        JsonToken t = p.currentToken();
        if (t == null) {
            return "the end of the file";
        }
        try {
            return switch (t) {
                case VALUE_TRUE -> "true";
                case VALUE_FALSE -> "false";
                case VALUE_NULL -> "null";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + p.getText();
                case VALUE_STRING -> "the text \"" + SafeText.quote(p.getText()) + "\"";
                case START_ARRAY, END_ARRAY -> "a list";
                case START_OBJECT, END_OBJECT, FIELD_NAME -> "an object";
                default -> "something else";
            };
        } catch (java.io.IOException x) {
            return "something else";
        }
    }

    private static String found(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "the text \"" + SafeText.quote(s) + "\"";
        }
        if (value instanceof Number n) {
            return "the number " + n;
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof Collection<?>) {
            return "a list";
        }
        return "something else";
    }

    /** A syntax error without Jackson's source dump or code numbers. */
    private static String syntax(String m) {
        if (m == null) {
            return "is not valid JSON";
        }
        String s = m.replaceAll(" \\(code \\d+\\)", "").replaceAll("\\s*\\n.*", "");
        s = s.replace("Unexpected end-of-input", "the file ends too early");
        return "is not valid JSON: " + s.toLowerCase(Locale.ROOT).charAt(0) + s.substring(1);
    }

    private static String constraint(String m) {
        if (m != null && m.contains("nesting depth")) {
            return "is nested more than " + MAX_DEPTH + " levels deep; a cluster file needs about 6";
        }
        if (m != null && m.contains("Number value length")) {
            return "holds a number longer than 40 digits";
        }
        if (m != null && m.contains("Name length")) {
            return "holds a field name longer than " + StreamReadConstraints.DEFAULT_MAX_NAME_LEN + " characters";
        }
        if (m != null && m.contains("String value length")) {
            return "holds a text value longer than the file size limit";
        }
        return "is too large or too deep to read";
    }
}
