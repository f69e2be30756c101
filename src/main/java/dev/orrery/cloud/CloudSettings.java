package dev.orrery.cloud;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.orrery.store.AtomicFiles;
import dev.orrery.store.Json;
import dev.orrery.store.OrreryHome;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Orrery's DigitalOcean settings, in {@code digitalocean.json} in the data folder: the API base
 * URL (null for the public API; {@code DIGITALOCEAN_API_URL} overrides it) and each cluster's
 * {@link DropletTemplate}. Never the token: that lives in a {@link TokenStore}.
 */
public record CloudSettings(String apiUrl, Map<String, DropletTemplate> templates) {

    public CloudSettings {
        templates = templates != null ? java.util.Collections.unmodifiableSortedMap(new TreeMap<>(templates)) : Map.of();
        if (apiUrl != null && !apiUrl.isBlank()) {
            DigitalOceanConfig.parse(apiUrl);
        }
    }

    @JsonCreator
    static CloudSettings fromJson(@JsonProperty("apiUrl") String apiUrl,
                                  @JsonProperty("templates") Map<String, DropletTemplate> templates) {
        return new CloudSettings(apiUrl, templates);
    }

    public static Path file(OrreryHome home) {
        return home.root().resolve("digitalocean.json");
    }

    public static CloudSettings load(OrreryHome home) throws IOException {
        Path f = file(home);
        if (!Files.exists(f)) {
            return new CloudSettings(null, Map.of());
        }
        try {
            return Json.mapper().readValue(f.toFile(), CloudSettings.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(f + " does not read: " + e.getMessage(), e);
        }
    }

    public void save(OrreryHome home) throws IOException {
        AtomicFiles.write(file(home), Json.mapper().writeValueAsBytes(this));
    }

    /** Reads the settings as they are on disk now, applies {@code change} and saves the result. */
    public static CloudSettings update(OrreryHome home, java.util.function.UnaryOperator<CloudSettings> change) throws IOException {
        CloudSettings next = change.apply(load(home));
        next.save(home);
        return next;
    }

    public DropletTemplate template(String cluster) {
        return templates.getOrDefault(cluster, new DropletTemplate(null, null, null, null, null, null));
    }

    public CloudSettings withTemplate(String cluster, DropletTemplate t) {
        Map<String, DropletTemplate> next = new TreeMap<>(templates);
        next.put(cluster, t);
        return new CloudSettings(apiUrl, next);
    }

    public DigitalOceanConfig config(Map<String, String> env) {
        return DigitalOceanConfig.resolve(env, apiUrl);
    }
}
