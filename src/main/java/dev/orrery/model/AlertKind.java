package dev.orrery.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What an alert rule watches. Each kind has the default and says what its threshold
 * means, so the window, the command line and the validator describe a rule the same way.
 */
public enum AlertKind {
    /** An unplanned outage (the live state's alarm, never a planned deploy stop) lasting longer than forSeconds. */
    @JsonProperty("server-down") SERVER_DOWN("server down", null, 0, 0),
    /** CPU use of the whole server, percent of all cores. */
    @JsonProperty("cpu") CPU("CPU", "%", 1, 100),
    /** Memory in use (total minus available), percent. */
    @JsonProperty("memory") MEMORY("memory", "%", 1, 100),
    /** The fullest local file system, percent used. */
    @JsonProperty("disk") DISK("disk", "%", 1, 100),
    /** The balancer's TLS certificate expires within threshold days. */
    @JsonProperty("certificate") CERTIFICATE("certificate", "days", 1, 365),
    /** A deploy failed or was rolled back; resolved by the next successful deploy. */
    @JsonProperty("deploy") DEPLOY("deploy", null, 0, 0);

    private final String word;
    private final String unit;
    private final int min;
    private final int max;

    AlertKind(String word, String unit, int min, int max) {
        this.word = word;
        this.unit = unit;
        this.min = min;
        this.max = max;
    }

    public String word() {
        return word;
    }

    /** "%" or "days"; null for a kind without a threshold. */
    public String unit() {
        return unit;
    }

    public boolean hasThreshold() {
        return unit != null;
    }

    /** The lowest and highest threshold allowed. */
    public int minThreshold() {
        return min;
    }

    public int maxThreshold() {
        return max;
    }

    /** True for the kinds measured in percent from metrics samples (they get a hysteresis band). */
    public boolean percent() {
        return "%".equals(unit);
    }

    /** The name used in the cluster file and on the command line: {@code server-down}, {@code cpu} … */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static AlertKind parse(String key) {
        for (AlertKind k : values()) {
            if (k.key().equals(key)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown alert kind \"" + key + "\" (server-down, cpu, memory, disk, certificate or deploy)");
    }
}
