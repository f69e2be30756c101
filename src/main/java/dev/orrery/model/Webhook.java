package dev.orrery.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A webhook the cluster's alerts go to. Only its name and body format live in the cluster file:
 * the URL is a secret (it lets anyone post to the channel) and is kept like the DigitalOcean
 * token, under the cluster's and the webhook's names.
 */
public record Webhook(String name, Format format) {

    /** The body posted: Orrery's own JSON, or a Slack-compatible {@code {"text": …}} message. */
    public enum Format {
        @JsonProperty("json") JSON,
        @JsonProperty("slack") SLACK;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Format parse(String key) {
            for (Format f : values()) {
                if (f.key().equals(key)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown webhook format \"" + key + "\" (json or slack)");
        }
    }

    @JsonCreator
    static Webhook fromJson(@JsonProperty("name") String name, @JsonProperty("format") Format format) {
        return new Webhook(name, format != null ? format : Format.JSON);
    }
}
