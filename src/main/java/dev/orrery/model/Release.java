package dev.orrery.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** One deployed release of the app: its id (a directory name on each server) and where it came from. */
public record Release(String id, Kind kind, String bundle, String sha256, Instant deployedAt) {

    public enum Kind {
        /** A {@code meteor build} server bundle: bundle/main.js. */
        @JsonProperty("meteor") METEOR,
        /** A plain Node app: package.json with a start script. */
        @JsonProperty("node") NODE,
        /** A runnable jar (the sandbox's sample app). */
        @JsonProperty("jar") JAR
    }
}
