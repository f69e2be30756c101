package dev.orrery.logs;

import java.util.Objects;

/**
 * One line of the merged view: when, which server and log, how serious, the text as the server
 * wrote it, and the known problem it shows (null for none).
 *
 * @param id       the store's row id, 0 for a line not stored (yet)
 * @param time     epoch milliseconds: the line's own time stamp where it has one, otherwise when
 *                 Orrery read it ({@link #timeFromLine} false)
 * @param server   the server's name in the cluster; for a cluster-wide marker, the cluster's name
 */
public record LogLine(long id, long time, boolean timeFromLine, String server, LogSource source, LogLevel level,
                      String text, KnownProblem problem) {

    public LogLine {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(text, "text");
    }

    public LogLine withId(long newId) {
        return new LogLine(newId, time, timeFromLine, server, source, level, text, problem);
    }

    public boolean marker() {
        return source == LogSource.DEPLOY;
    }
}
