package dev.orrery.metrics;

import dev.orrery.health.HealthEvent;
import dev.orrery.health.HealthListener;
import dev.orrery.health.HealthSample;
import dev.orrery.health.StateChange;
import dev.orrery.store.history.HistoryWriter;

import java.util.HashMap;
import java.util.Map;

/**
 * Keeps the health probes' results in the history store: each server's probes summed into
 * 10-second buckets (successes, failures, the answers' mean and worst latency) — a probe every
 * 750 ms for 200 servers would otherwise be 23 million rows a day — and every state change
 * exactly. A listener on the health monitor: it only adds to a bucket and hands a finished
 * bucket to the {@link HistoryWriter}, never touching the disk itself.
 */
public final class ProbeRecorder implements HealthListener {
    static final long BUCKET_MS = 10_000;

    private final String cluster;
    private final MetricsStore store;
    private final HistoryWriter writer;
    private final Map<String, Bucket> open = new HashMap<>();

    private static final class Bucket {
        long start;
        int ok;
        int fail;
        double latSum;
        int latN;
        double latMax;
    }

    public ProbeRecorder(String cluster, MetricsStore store, HistoryWriter writer) {
        this.cluster = cluster;
        this.store = store;
        this.writer = writer;
    }

    @Override
    public void onEvent(HealthEvent event) {
        if (event instanceof HealthSample s && s.result() != null) {
            add(s);
        } else if (event instanceof StateChange c) {
            writer.submit(store.probeState(cluster, c.server(), c.timeMs(), c.to().word()));
        }
    }

    private synchronized void add(HealthSample s) {
        long start = s.timeMs() / BUCKET_MS * BUCKET_MS;
        Bucket b = open.get(s.server());
        if (b != null && b.start != start) {
            write(s.server(), b);
            b = null;
        }
        if (b == null) {
            b = new Bucket();
            b.start = start;
            open.put(s.server(), b);
        }
        if (s.result().success()) {
            b.ok++;
            b.latSum += s.result().latencyMs();
            b.latN++;
            b.latMax = Math.max(b.latMax, s.result().latencyMs());
        } else {
            b.fail++;
        }
    }

    /** Writes the buckets still open (the monitor stops, another cluster opens). */
    public synchronized void flush() {
        open.forEach(this::write);
        open.clear();
    }

    private void write(String server, Bucket b) {
        long lat = b.latN == 0 ? -1 : Math.round(b.latSum / b.latN * 1000);
        writer.submit(store.probeBucket(cluster, server, b.start, b.ok, b.fail, lat, Math.round(b.latMax * 1000)));
    }
}
