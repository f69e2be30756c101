package dev.orrery.adopt.mup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.orrery.adopt.ImportException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Meteor Up configuration as a JSON tree: {@code mup.json} (2015–2016, JSON with comments as the
 * docs wrote it: {@code //} and {@code /* *}{@code /} comments, trailing commas, single quotes) or
 * {@code mup.js} (1.x, a Node module, evaluated by {@link NodeEval}).
 */
public record MupFile(Path path, JsonNode root, boolean module) {

    /** Lenient on what hand-edited mup.json files contain; strict on everything else. */
    static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_YAML_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA,
                    JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .build();

    /** {@code path} is a mup.js or mup.json, or a folder holding one (mup.js first, as mup itself looks). */
    public static MupFile read(Path path, NodeEval node) throws ImportException {
        Path file = path;
        if (Files.isDirectory(path)) {
            file = Files.exists(path.resolve("mup.js")) ? path.resolve("mup.js") : path.resolve("mup.json");
        }
        if (!Files.isRegularFile(file)) {
            throw new ImportException("no Meteor Up configuration at " + file + (Files.isDirectory(path) ? " (looked for mup.js and mup.json)" : ""));
        }
        boolean module = file.getFileName().toString().endsWith(".js");
        String json;
        try {
            json = module ? node.exportsAsJson(file) : Files.readString(file);
        } catch (IOException e) {
            throw new ImportException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            JsonNode root = LENIENT.readTree(json);
            if (root == null || !root.isObject()) {
                throw new ImportException(file + " does not hold a configuration object");
            }
            return new MupFile(file, root, module);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ImportException(file + (loc != null ? ":" + loc.getLineNr() + ":" + loc.getColumnNr() : "") + ": not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** A settings.json (METEOR_SETTINGS) as compact JSON, or an error naming the line. */
    public static String settings(Path file) throws ImportException {
        try {
            return LENIENT.writeValueAsString(LENIENT.readTree(Files.readString(file)));
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ImportException(file + (loc != null ? ":" + loc.getLineNr() : "") + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ImportException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** 1.x (servers is an object, the app under {@code app} or {@code meteor}) or the older array form. */
    public boolean legacy() {
        return root.path("servers").isArray();
    }
}
