package dev.orrery.logs;

import java.util.Objects;

/**
 * One log to follow on one server: a file, a systemd unit's journal, or (the app) both, decided
 * on the server: the unit's journal where systemd runs it, the supervisor's file elsewhere.
 *
 * @param file the log file's path, or null
 * @param unit the systemd unit, or null
 */
public record LogTarget(String server, LogSource source, String file, String unit) {
    public LogTarget {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(source, "source");
        if (file == null && unit == null) {
            throw new IllegalArgumentException("a log target needs a file or a unit");
        }
    }

    /** The key its position is stored under: "app-2/app". */
    public String key() {
        return server + "/" + source.word();
    }
}
