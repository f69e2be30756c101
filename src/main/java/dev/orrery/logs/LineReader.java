package dev.orrery.logs;

import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/**
 * Turns one raw line of one server's log into a {@link LogLine}: its time and level where the
 * line says them (nginx's formats, journald's fields, the app's own stamps and words), otherwise
 * the time it was read, and the known problem it shows. One per followed log (an app's stack
 * trace takes the level of the line it continues).
 */
public final class LineReader {
    private final String server;
    private final LogSource source;
    private final ZoneOffset offset;
    private final LongSupplier clock;
    private final AppLines app;
    private long lastOwnTime = -1;

    /** @param offset the server's UTC offset, for stamps written without a zone (nginx's error log) */
    public LineReader(String server, LogSource source, ZoneOffset offset, LongSupplier clock) {
        this.server = server;
        this.source = source;
        this.offset = offset;
        this.clock = clock;
        this.app = new AppLines(offset);
    }

    public String server() {
        return server;
    }

    public LogSource source() {
        return source;
    }

    /** A line read from a file as it was written. */
    public LogLine read(String text) {
        return read(text, false);
    }

    /**
     * A line read from a file. {@code catchUp}: it was there before we looked (a first read, or
     * after a reconnect), so when it has no time of its own it takes the time of the line before
     * it that has one (not the moment it was read, which says nothing about it).
     */
    public LogLine read(String text, boolean catchUp) {
        long now = clock.getAsLong();
        long time = -1;
        LogLevel level = LogLevel.INFO;
        switch (source) {
            case ACCESS -> {
                var a = AccessEntry.parse(text);
                if (a.isPresent()) {
                    time = a.get().time();
                    level = LogLevel.ofStatus(a.get().status());
                }
            }
            case ERROR -> {
                var e = NginxErrorEntry.parse(text, offset);
                if (e.isPresent()) {
                    time = e.get().time();
                    level = e.get().level();
                }
            }
            default -> {
                AppLines.Found f = app.read(text);
                time = f.time();
                level = f.level();
            }
        }
        if (time >= 0) {
            lastOwnTime = time;
        } else if (catchUp && lastOwnTime >= 0) {
            now = lastOwnTime;
        }
        return line(time, now, level, text);
    }

    /** An entry of the unit's journal: its own time; the worse of its priority and what its text says. */
    public LogLine read(JournalEntry e) {
        AppLines.Found f = app.read(e.message());
        LogLevel byPriority = LogLevel.ofSyslog(e.priority());
        LogLevel level = f.level().ordinal() > byPriority.ordinal() ? f.level() : byPriority;
        return line(e.timeMillis(), clock.getAsLong(), level, e.message());
    }

    private LogLine line(long time, long now, LogLevel level, String text) {
        KnownProblem problem = KnownProblems.find(source, text).orElse(null);
        if (problem != null && level.ordinal() < LogLevel.WARN.ordinal()) {
            level = LogLevel.WARN; // a known problem is at least a warning, whatever the line's own level
        }
        return new LogLine(0, time >= 0 ? time : now, time >= 0, server, source, level, text, problem);
    }
}
