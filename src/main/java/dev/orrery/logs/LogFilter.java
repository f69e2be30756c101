package dev.orrery.logs;

import java.util.Set;

/**
 * Which lines a view or a command wants: servers (empty: all), sources (empty: all), the least
 * level shown, and a time range in epoch ms ({@code from} inclusive, {@code to} exclusive; 0 and
 * {@link Long#MAX_VALUE} for no bound). Deploy markers pass every server filter: they belong to
 * the whole cluster.
 */
public record LogFilter(Set<String> servers, Set<LogSource> sources, LogLevel minLevel, long from, long to) {

    public static final LogFilter ALL = new LogFilter(Set.of(), Set.of(), LogLevel.DEBUG, 0, Long.MAX_VALUE);

    public LogFilter {
        servers = Set.copyOf(servers);
        sources = Set.copyOf(sources);
    }

    public LogFilter withServers(Set<String> v) {
        return new LogFilter(v, sources, minLevel, from, to);
    }

    public LogFilter withSources(Set<LogSource> v) {
        return new LogFilter(servers, v, minLevel, from, to);
    }

    public LogFilter withMinLevel(LogLevel v) {
        return new LogFilter(servers, sources, v, from, to);
    }

    public LogFilter between(long fromMs, long toMs) {
        return new LogFilter(servers, sources, minLevel, fromMs, toMs);
    }

    public boolean accepts(LogLine l) {
        if (l.time() < from || l.time() >= to) {
            return false;
        }
        if (l.marker()) {
            return sources.isEmpty() || sources.contains(LogSource.DEPLOY);
        }
        return (servers.isEmpty() || servers.contains(l.server()))
                && (sources.isEmpty() || sources.contains(l.source()))
                && l.level().ordinal() >= minLevel.ordinal();
    }
}
