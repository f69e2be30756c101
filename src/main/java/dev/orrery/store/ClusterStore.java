package dev.orrery.store;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orrery.model.Cluster;
import dev.orrery.model.ClusterValidator;
import dev.orrery.model.Problem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads and writes one cluster per JSON file:
 * <pre>{ "schemaVersion": 1, "cluster": { … } }</pre>
 * Reading never guesses: a file that does not parse, has an unknown schema or fails validation
 * gives a {@link ClusterFileException} naming the line and field, and the file is not touched.
 * Writing is atomic ({@link AtomicFiles}) and refuses an invalid cluster.
 */
public final class ClusterStore {

    public static final int SCHEMA_VERSION = 1;

    private ClusterStore() {
    }

    public static Cluster load(Path file) throws ClusterFileException, IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ClusterFileException(file, 0, null, "no such file", e);
        }
        return parse(file, bytes);
    }

    static Cluster parse(Path file, byte[] bytes) throws ClusterFileException {
        JsonNode root;
        try {
            root = Json.mapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            throw fromJackson(file, e);
        } catch (IOException e) {
            throw new ClusterFileException(file, 0, null, e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ClusterFileException(file, 1, null, "is not a JSON object", null);
        }
        JsonNode version = root.get("schemaVersion");
        if (version == null || !version.isInt()) {
            throw new ClusterFileException(file, 1, "schemaVersion", "is missing or not a number; an Orrery cluster file starts with {\"schemaVersion\": 1, \"cluster\": …}", null);
        }
        if (version.intValue() != SCHEMA_VERSION) {
            throw new ClusterFileException(file, 1, "schemaVersion", "is " + version.intValue()
                    + "; this Orrery reads version " + SCHEMA_VERSION + " (a newer Orrery may have written it)", null);
        }
        if (!root.has("cluster")) {
            throw new ClusterFileException(file, 1, "cluster", "is required", null);
        }
        Cluster cluster;
        try {
            // Re-read with the parser so mapping errors carry line numbers.
            cluster = Json.mapper().readValue(bytes, Envelope.class).cluster();
        } catch (JsonProcessingException e) {
            throw fromJackson(file, e);
        } catch (IOException | RuntimeException e) {
            throw new ClusterFileException(file, 0, null, String.valueOf(e.getMessage()), e);
        }
        if (cluster == null) {
            throw new ClusterFileException(file, 1, "cluster", "is null", null);
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

    private static ClusterFileException fromJackson(Path file, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        int line = loc != null ? loc.getLineNr() : 0;
        String field = null;
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            field = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining()).substring(1);
        }
        return new ClusterFileException(file, Math.max(line, 0), field, e.getOriginalMessage(), e);
    }

    /**
     * The line of the key at {@code fieldPath} (e.g. {@code servers[2].name}) inside "cluster",
     * found by walking the JSON with its path, so the right server's key is named, not the first
     * key of that name in the file. 0 when it cannot be found.
     */
    private static int lineOf(byte[] bytes, String fieldPath) {
        String pointer = "/cluster/" + fieldPath.replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
        try (com.fasterxml.jackson.core.JsonParser p = Json.mapper().getFactory().createParser(bytes)) {
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
