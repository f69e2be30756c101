package dev.orrery.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Out-of-band health check settings, with the seed's
 * {@code check interval=750 rise=2 fall=2 timeout=1000 type=http} as defaults.
 */
public record HealthCheck(String path, int intervalMs, int rise, int fall, int timeoutMs) {

    public static final HealthCheck DEFAULT = new HealthCheck("/", 750, 2, 2, 1000);

    @JsonCreator
    static HealthCheck fromJson(@JsonProperty("path") String path,
                                @JsonProperty("intervalMs") Integer intervalMs,
                                @JsonProperty("rise") Integer rise,
                                @JsonProperty("fall") Integer fall,
                                @JsonProperty("timeoutMs") Integer timeoutMs) {
        return new HealthCheck(
                path != null ? path : DEFAULT.path,
                intervalMs != null ? intervalMs : DEFAULT.intervalMs,
                rise != null ? rise : DEFAULT.rise,
                fall != null ? fall : DEFAULT.fall,
                timeoutMs != null ? timeoutMs : DEFAULT.timeoutMs);
    }

    /** Worst-case time for a dead server to be marked down: fall × interval + timeout. */
    public long worstCaseDetectionMs() {
        return (long) fall * intervalMs + timeoutMs;
    }
}
