package dev.orrery.cloud.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The DigitalOcean OpenAPI spec (YAML, many files) and a validator for the subset of JSON
 * Schema it uses: {@code type}, {@code nullable} (OpenAPI 3.0), {@code enum}, {@code required},
 * {@code properties}, {@code items}, {@code allOf}/{@code oneOf}/{@code anyOf} and {@code $ref}
 * across files ({@code file.yml#/a/b}). Formats, patterns and numeric bounds are not checked.
 */
final class SpecSchemas {
    /** A schema node and the file its relative {@code $ref}s resolve against. */
    record S(JsonNode node, Path file) {
    }

    private final Path root;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final Map<Path, JsonNode> files = new HashMap<>();

    SpecSchemas(Path specificationDir) {
        this.root = specificationDir;
    }

    /** Walks up from the working folder to find {@code shared/reference/digitalocean-openapi/specification}. */
    static SpecSchemas locate() {
        String override = System.getenv("ORRERY_DO_SPEC");
        if (override != null) {
            return new SpecSchemas(Path.of(override));
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/reference/digitalocean-openapi/specification");
            if (Files.isRegularFile(candidate.resolve("DigitalOcean-public.v2.yaml"))) {
                return new SpecSchemas(candidate);
            }
        }
        throw new IllegalStateException("the DigitalOcean OpenAPI spec (shared/reference/digitalocean-openapi) was not found "
                + "above " + Path.of("").toAbsolutePath() + "; set ORRERY_DO_SPEC to its specification folder");
    }

    /** The JSON schema of the answer {@code status} to {@code method path}, as the spec documents it. */
    S response(String path, String method, int status) {
        Path main = root.resolve("DigitalOcean-public.v2.yaml");
        JsonNode op = load(main).path("paths").path(path).path(method);
        if (op.isMissingNode()) {
            throw new IllegalArgumentException("the spec has no " + method + " " + path);
        }
        S operation = deref(new S(op, main));
        JsonNode resp = operation.node().path("responses").path(String.valueOf(status));
        if (resp.isMissingNode() && status >= 400) {
            resp = operation.node().path("responses").path("default"); // the spec's catch-all error answer
        }
        if (resp.isMissingNode()) {
            throw new AssertionError("the spec documents no " + status + " answer for " + method + " " + path);
        }
        S r = deref(new S(resp, operation.file()));
        JsonNode schema = r.node().path("content").path("application/json").path("schema");
        return schema.isMissingNode() ? null : new S(schema, r.file());
    }

    /**
     * The query parameters the spec marks required for {@code method path}, each with its enum
     * (empty when any value goes), so a test can check what a client sends.
     */
    Map<String, List<String>> requiredQuery(String path, String method) {
        S operation = operation(path, method);
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        for (JsonNode p : operation.node().path("parameters")) {
            S param = deref(new S(p, operation.file()));
            JsonNode n = param.node();
            if ("query".equals(n.path("in").asText()) && n.path("required").asBoolean(false)) {
                List<String> values = new ArrayList<>();
                deref(new S(n.path("schema"), param.file())).node().path("enum").forEach(e -> values.add(e.asText()));
                out.put(n.path("name").asText(), values);
            }
        }
        return out;
    }

    /** The JSON schema of the request body of {@code method path}, as the spec documents it. */
    S request(String path, String method) {
        S operation = operation(path, method);
        JsonNode schema = operation.node().path("requestBody").path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            throw new AssertionError("the spec documents no JSON request body for " + method + " " + path);
        }
        return new S(schema, operation.file());
    }

    private S operation(String path, String method) {
        Path main = root.resolve("DigitalOcean-public.v2.yaml");
        JsonNode op = load(main).path("paths").path(path).path(method);
        if (op.isMissingNode()) {
            throw new IllegalArgumentException("the spec has no " + method + " " + path);
        }
        return deref(new S(op, main));
    }

    /** Problems found, each as "at: what"; empty when the value conforms. */
    List<String> validate(JsonNode value, S schema) {
        List<String> out = new ArrayList<>();
        check(value, schema, "$", out);
        return out;
    }

    private void check(JsonNode v, S s, String at, List<String> out) {
        s = deref(s);
        JsonNode n = s.node();
        if (v.isNull()) {
            if (!nullable(s) && (n.has("type") || n.has("properties") || n.has("allOf"))) {
                out.add(at + ": is null but the schema is not nullable");
            }
            return;
        }
        if (n.has("type") && !typeMatches(v, n.get("type").asText())) {
            out.add(at + ": expected " + n.get("type").asText() + " but got " + v.getNodeType() + " " + abbreviate(v));
            return;
        }
        if (n.has("enum")) {
            boolean found = false;
            for (JsonNode e : n.get("enum")) {
                found |= e.asText().equals(v.asText());
            }
            if (!found) {
                out.add(at + ": " + abbreviate(v) + " is not one of " + n.get("enum"));
            }
        }
        if (v.isObject()) {
            for (JsonNode req : n.path("required")) {
                if (!v.has(req.asText())) {
                    out.add(at + ": required property '" + req.asText() + "' is missing");
                }
            }
            Iterator<Map.Entry<String, JsonNode>> props = n.path("properties").fields();
            while (props.hasNext()) {
                Map.Entry<String, JsonNode> p = props.next();
                if (v.has(p.getKey())) {
                    check(v.get(p.getKey()), new S(p.getValue(), s.file()), at + "." + p.getKey(), out);
                }
            }
        }
        if (v.isArray() && n.has("items")) {
            for (int i = 0; i < v.size(); i++) {
                check(v.get(i), new S(n.get("items"), s.file()), at + "[" + i + "]", out);
            }
        }
        for (JsonNode part : n.path("allOf")) {
            check(v, new S(part, s.file()), at, out);
        }
        if (n.has("oneOf")) {
            int passing = countPassing(v, n.get("oneOf"), s.file(), at);
            if (passing != 1) {
                out.add(at + ": matches " + passing + " of the oneOf schemas, not exactly one");
            }
        }
        if (n.has("anyOf") && countPassing(v, n.get("anyOf"), s.file(), at) == 0) {
            out.add(at + ": matches none of the anyOf schemas");
        }
    }

    private int countPassing(JsonNode v, JsonNode alternatives, Path file, String at) {
        int passing = 0;
        for (JsonNode alt : alternatives) {
            List<String> errs = new ArrayList<>();
            check(v, new S(alt, file), at, errs);
            if (errs.isEmpty()) {
                passing++;
            }
        }
        return passing;
    }

    private boolean nullable(S s) {
        S r = deref(s);
        if (r.node().path("nullable").asBoolean(false)) {
            return true;
        }
        for (JsonNode part : r.node().path("allOf")) {
            if (nullable(new S(part, r.file()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean typeMatches(JsonNode v, String type) {
        return switch (type) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber();
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            default -> throw new IllegalArgumentException("unknown schema type " + type);
        };
    }

    /** Follows {@code $ref}s (relative to the file that holds them) until a node without one. */
    S deref(S s) {
        for (int hops = 0; s.node().has("$ref"); hops++) {
            if (hops > 32) {
                throw new IllegalStateException("$ref loop at " + s.file());
            }
            String ref = s.node().get("$ref").asText();
            int hash = ref.indexOf('#');
            String filePart = hash < 0 ? ref : ref.substring(0, hash);
            String pointer = hash < 0 ? "" : ref.substring(hash + 1);
            Path file = filePart.isEmpty() ? s.file() : s.file().getParent().resolve(filePart).normalize();
            JsonNode target = load(file).at(pointer);
            if (target.isMissingNode()) {
                throw new IllegalStateException("unresolved $ref " + ref + " in " + s.file());
            }
            s = new S(target, file);
        }
        return s;
    }

    private JsonNode load(Path file) {
        return files.computeIfAbsent(file, f -> {
            try {
                return yaml.readTree(f.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read spec file " + f, e);
            }
        });
    }

    private static String abbreviate(JsonNode v) {
        String t = v.toString();
        return t.length() > 60 ? t.substring(0, 57) + "..." : t;
    }
}
