package dev.orrery.alerts;

import dev.orrery.model.AlertKind;

/**
 * A rule fired or resolved: what every channel sends and the history keeps.
 *
 * @param subject   the server it is about, or "" for the cluster (a deploy)
 * @param timeMs    when it fired or resolved
 * @param sinceMs   when the incident fired (equal to {@code timeMs} on the firing message)
 * @param value     the value that decided it (percent, days), NaN where there is none
 * @param text      one line for people, e.g. "app-2: CPU over 90% for 5 min (now 97.3%)"
 * @param test      a test message sent by {@code orrery alerts test} (no incident behind it)
 */
public record AlertEvent(String cluster, String rule, AlertKind kind, String subject, boolean firing,
                         long timeMs, long sinceMs, double value, int threshold, String text, boolean test) {

    public String status() {
        return firing ? "firing" : "resolved";
    }

    /** The same incident's firing and resolved messages share this id. */
    public String incidentId() {
        return cluster + "/" + rule + "/" + (subject.isEmpty() ? "-" : subject) + "/" + sinceMs;
    }
}
