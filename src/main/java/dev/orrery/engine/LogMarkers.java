package dev.orrery.engine;

import dev.orrery.logs.LogLevel;
import dev.orrery.logs.LogLine;
import dev.orrery.logs.LogSource;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Turns the engine's job events for one cluster into deploy markers in its logs: "Deploy v3 to
 * crater started", "app-2 · switch current", "app-2 done: on v3", "… finished: succeeded". A
 * job counts when its {@link Job#cluster()} names this cluster, as for the live state.
 */
public final class LogMarkers implements JobListener {
    private final String cluster;
    private final Consumer<LogLine> sink;
    private final LongSupplier clock;
    private final Map<Long, String> jobs = new ConcurrentHashMap<>();

    public LogMarkers(String cluster, Consumer<LogLine> sink, LongSupplier clock) {
        this.cluster = cluster;
        this.sink = sink;
        this.clock = clock;
    }

    @Override
    public void onEvent(JobEvent event) {
        if (event instanceof JobEvent.Started s) {
            if (cluster.equals(s.cluster())) {
                jobs.put(s.jobId(), s.title());
                mark(cluster, LogLevel.INFO, s.title() + " started");
            }
            return;
        }
        String title = jobs.get(event.jobId());
        if (title == null) {
            return;
        }
        if (event instanceof JobEvent.ServerStep st) {
            mark(st.server(), LogLevel.INFO, st.server() + " · " + st.step());
        } else if (event instanceof JobEvent.ServerDone d) {
            mark(d.server(), LogLevel.INFO, d.server() + " done: " + d.result());
        } else if (event instanceof JobEvent.Finished f) {
            jobs.remove(event.jobId());
            String how = f.succeeded() ? "succeeded" : f.cancelled() ? "cancelled"
                    : "failed: " + (f.error() == null || f.error().getMessage() == null ? "unknown error"
                    : f.error().getMessage().lines().findFirst().orElse(""));
            mark(cluster, f.succeeded() ? LogLevel.INFO : f.cancelled() ? LogLevel.WARN : LogLevel.ERROR, title + " finished: " + how);
        }
    }

    private void mark(String server, LogLevel level, String text) {
        sink.accept(new LogLine(0, clock.getAsLong(), true, server, LogSource.DEPLOY, level, text, null));
    }
}
