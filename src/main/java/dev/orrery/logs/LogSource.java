package dev.orrery.logs;

import java.util.Locale;

/** Which log a line comes from. {@link #DEPLOY} lines are Orrery's own markers from its jobs. */
public enum LogSource {
    /** The app's output: journald for the systemd unit, or the supervisor's log file. */
    APP,
    /** The balancer's access log. */
    ACCESS,
    /** The balancer's error log. */
    ERROR,
    /** A marker from one of Orrery's jobs on the cluster: "deploy started", "app-2 · switch current", "finished". */
    DEPLOY;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean balancer() {
        return this == ACCESS || this == ERROR;
    }

    public static LogSource parse(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
