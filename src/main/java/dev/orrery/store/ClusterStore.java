package dev.orrery.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orrery.model.Cluster;
import dev.orrery.model.ClusterValidator;
import dev.orrery.model.Problem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The cluster file's format: one cluster per JSON file,
 * <pre>{ "schemaVersion": 1, "cluster": { … } }</pre>
 * Reading never guesses: a file that does not parse, has an unknown schema, a value of the wrong
 * type or fails validation gives a {@link ClusterFileException} naming the line and field, what
 * was expected and what was found, and the file is not touched. Reading and changing files go
 * through {@link ClusterFile} (limits, the writer lock); {@link #save} writes a whole file and is
 * for files no one else writes (a new file, the sandbox's own).
 */
public final class ClusterStore {

    public static final int SCHEMA_VERSION = 1;

    private ClusterStore() {
    }

    public static Cluster load(Path file) throws ClusterFileException {
        return ClusterFile.read(file);
    }

    /**
     * Reads a cluster from bytes already in hand (the limits of {@link ClusterFile#read} are the
     * caller's); {@code file} names it in messages.
     */
    public static Cluster parse(Path file, byte[] bytes) throws ClusterFileException {
        checkEnvelope(file, bytes);
        Cluster cluster;
        // One pass over the bytes with the strict mapper: mapping errors carry line numbers. The
        // parser stays open until the error is described, so it can say what it stopped on.
        try (JsonParser p = ClusterJson.mapper().createParser(bytes)) {
            try {
                cluster = ClusterJson.mapper().readValue(p, Envelope.class).cluster();
            } catch (JsonProcessingException e) {
                throw fromJackson(file, e, p);
            }
        } catch (ClusterFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ClusterFileException(file, 0, null, "cannot be read: " + e.getMessage(), e);
        }
        if (cluster == null) {
            throw new ClusterFileException(file, 1, "cluster", "expected an object, found null", null);
        }
        List<Problem> problems = ClusterValidator.validate(cluster);
        if (!problems.isEmpty()) {
            Problem first = problems.get(0);
            String all = problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
            throw new ClusterFileException(file, lineOf(bytes, first.field()), "cluster." + first.field(),
                    problems.size() == 1 ? first.message() : first.message() + " (and " + (problems.size() - 1) + " more: " + all + ")", null);
        }
        return cluster;
    }

    /**
     * The top level, streamed without building a tree: a JSON object with {@code schemaVersion} 1
     * and a {@code cluster}. Checked first so that a file of another version is named as such
     * rather than as a list of unknown fields.
     */
    private static void checkEnvelope(Path file, byte[] bytes) throws ClusterFileException {
        try (JsonParser p = ClusterJson.mapper().getFactory().createParser(bytes)) {
            try {
                checkEnvelope(file, p);
            } catch (JsonProcessingException e) {
                throw fromJackson(file, e, p); // while the parser is open, so it can say where it stopped
            }
        } catch (ClusterFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ClusterFileException(file, 0, null, "cannot be read: " + IoReasons.reason(e), e);
        }
    }

    private static void checkEnvelope(Path file, JsonParser p) throws IOException {
        {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new ClusterFileException(file, 1, null, "is empty; an Orrery cluster file starts with {\"schemaVersion\": 1, \"cluster\": …}", null);
            }
            if (first != JsonToken.START_OBJECT) {
                throw new ClusterFileException(file, 1, null, "is not a JSON object; an Orrery cluster file starts with {\"schemaVersion\": 1, \"cluster\": …}", null);
            }
            boolean hasCluster = false;
            String version = null;
            int versionLine = 1;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if ("schemaVersion".equals(name)) {
                    versionLine = p.currentTokenLocation().getLineNr();
                    version = v == JsonToken.VALUE_NUMBER_INT ? p.getText() : describe(p, v);
                    if (v != JsonToken.VALUE_NUMBER_INT) {
                        throw new ClusterFileException(file, versionLine, "schemaVersion", "expected the whole number " + SCHEMA_VERSION
                                + ", found " + version, null);
                    }
                } else if ("cluster".equals(name)) {
                    hasCluster = true;
                }
                p.skipChildren();
            }
            if (version == null) {
                throw new ClusterFileException(file, 1, "schemaVersion", "is missing; an Orrery cluster file starts with {\"schemaVersion\": 1, \"cluster\": …}", null);
            }
            if (!version.equals(String.valueOf(SCHEMA_VERSION))) {
                throw new ClusterFileException(file, versionLine, "schemaVersion", "is " + version + "; this Orrery reads version " + SCHEMA_VERSION
                        + " (a newer Orrery may have written it)", null);
            }
            if (!hasCluster) {
                throw new ClusterFileException(file, 1, "cluster", "is missing", null);
            }
        }
    }

    private static String describe(JsonParser p, JsonToken v) throws IOException {
        return switch (v) {
            case VALUE_NUMBER_FLOAT -> "the number " + p.getText();
            case VALUE_STRING -> "the text \"" + dev.orrery.model.SafeText.quote(p.getText()) + "\"";
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> "null";
            case START_ARRAY -> "a list";
            default -> "an object";
        };
    }

    /** Writes a whole cluster file, validated, atomically. Changes to an existing file go through {@link ClusterFile#update}. */
    public static void save(Path file, Cluster cluster) throws IOException {
        ClusterValidator.requireValid(cluster);
        AtomicFiles.write(file, toBytes(cluster));
    }

    public static byte[] toBytes(Cluster cluster) throws IOException {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.set("cluster", Json.mapper().valueToTree(cluster));
        return (Json.mapper().writeValueAsString(root) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static ClusterFileException fromJackson(Path file, JsonProcessingException e, JsonParser parser) {
        ClusterJson.Problem p = ClusterJson.problem(e, parser);
        return new ClusterFileException(file, p.line(), p.field(), p.message(), e);
    }

    /**
     * The line of the key at {@code fieldPath} (e.g. {@code servers[2].name}) inside "cluster",
     * found by walking the JSON with its path, so the right server's key is named, not the first
     * key of that name in the file. 0 when it cannot be found.
     */
    private static int lineOf(byte[] bytes, String fieldPath) {
        String pointer = "/cluster/" + fieldPath.replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
        try (JsonParser p = ClusterJson.mapper().getFactory().createParser(bytes)) {
            while (p.nextToken() != null) {
                if (p.getParsingContext().pathAsPointer().toString().equals(pointer)) {
                    return p.currentTokenLocation().getLineNr();
                }
            }
        } catch (IOException e) {
            // the file parsed once already; if it cannot be walked again, the line is unknown
        }
        return 0;
    }

    record Envelope(int schemaVersion, Cluster cluster) {
    }
}
