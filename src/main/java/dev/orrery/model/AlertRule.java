package dev.orrery.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One alert rule of a cluster. It fires once when its condition has held for
 * {@code forSeconds} and resolves once the condition has been clear for {@code clearSeconds}
 * (a percent rule counts as clear only {@link #HYSTERESIS_POINTS} below its threshold), so a
 * value hovering at the threshold is one incident, not a storm.
 *
 * @param name         unique within the cluster (a lower-case name), e.g. {@code cpu}
 * @param threshold    percent for cpu/memory/disk, days for certificate, 0 for the others
 * @param forSeconds   how long the condition must hold before the rule fires (0: at once)
 * @param clearSeconds how long it must be clear before the rule resolves (0: at once)
 */
public record AlertRule(String name, AlertKind kind, int threshold, int forSeconds, int clearSeconds, boolean enabled) {

    /** A percent rule's value must fall this many points below the threshold to count as clear. */
    public static final int HYSTERESIS_POINTS = 5;

    @JsonCreator
    static AlertRule fromJson(@JsonProperty("name") String name,
                              @JsonProperty("kind") AlertKind kind,
                              @JsonProperty("threshold") Integer threshold,
                              @JsonProperty("forSeconds") Integer forSeconds,
                              @JsonProperty("clearSeconds") Integer clearSeconds,
                              @JsonProperty("enabled") Boolean enabled) {
        if (kind == null) { // the validator names it: monitoring.rules[i].kind is required
            return new AlertRule(name, null, threshold != null ? threshold : 0, forSeconds != null ? forSeconds : 0,
                    clearSeconds != null ? clearSeconds : 0, enabled == null || enabled);
        }
        AlertRule d = defaultFor(kind);
        return new AlertRule(name != null ? name : d.name, kind,
                threshold != null ? threshold : d.threshold,
                forSeconds != null ? forSeconds : d.forSeconds,
                clearSeconds != null ? clearSeconds : d.clearSeconds,
                enabled == null || enabled);
    }

    /**
     * The defaults: down for more than 60 s; CPU over 90% for 5 min; memory over 90%
     * (for a minute, so one garbage-collection spike is not an incident); disk over 85%; a
     * certificate expiring within 14 days; a deploy that failed or was rolled back.
     */
    public static AlertRule defaultFor(AlertKind kind) {
        return switch (kind) {
            case SERVER_DOWN -> new AlertRule("server-down", kind, 0, 60, 0, true);
            case CPU -> new AlertRule("cpu", kind, 90, 300, 60, true);
            case MEMORY -> new AlertRule("memory", kind, 90, 60, 60, true);
            case DISK -> new AlertRule("disk", kind, 85, 0, 60, true);
            case CERTIFICATE -> new AlertRule("certificate", kind, 14, 0, 0, true);
            case DEPLOY -> new AlertRule("deploy", kind, 0, 0, 0, true);
        };
    }

    public AlertRule withThreshold(int v) {
        return new AlertRule(name, kind, v, forSeconds, clearSeconds, enabled);
    }

    public AlertRule withForSeconds(int v) {
        return new AlertRule(name, kind, threshold, v, clearSeconds, enabled);
    }

    public AlertRule withClearSeconds(int v) {
        return new AlertRule(name, kind, threshold, forSeconds, v, enabled);
    }

    public AlertRule withEnabled(boolean v) {
        return new AlertRule(name, kind, threshold, forSeconds, clearSeconds, v);
    }

    /** The rule in words: "CPU over 90% for 5 min", "certificate expires within 14 days". */
    public String describe() {
        String cond = switch (kind) {
            case SERVER_DOWN -> "server down";
            case CPU, MEMORY, DISK -> kind.word() + " over " + threshold + "%";
            case CERTIFICATE -> "certificate expires within " + threshold + " days";
            case DEPLOY -> "deploy failed or rolled back";
        };
        String hold = forSeconds > 0 ? " for " + duration(forSeconds) : "";
        if (kind == AlertKind.SERVER_DOWN) {
            hold = forSeconds > 0 ? " for more than " + duration(forSeconds) : "";
        }
        return cond + hold + (enabled ? "" : " (off)");
    }

    /** "45 s", "5 min", "2 h", "1 h 30 min". */
    public static String duration(int seconds) {
        if (seconds < 120 && seconds % 60 != 0) {
            return seconds + " s";
        }
        int h = seconds / 3600;
        int m = seconds % 3600 / 60;
        int s = seconds % 60;
        StringBuilder b = new StringBuilder();
        if (h > 0) {
            b.append(h).append(" h");
        }
        if (m > 0) {
            b.append(b.isEmpty() ? "" : " ").append(m).append(" min");
        }
        if (s > 0) {
            b.append(b.isEmpty() ? "" : " ").append(s).append(" s");
        }
        return b.toString();
    }
}
