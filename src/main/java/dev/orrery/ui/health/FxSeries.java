package dev.orrery.ui.health;

/**
 * The FX side's own bounded copy of a server's recent latencies (the last few minutes), so
 * drawing never reads the engine's rings or takes their locks. FX thread only.
 */
final class FxSeries {
    private final long[] times;
    private final double[] latencies;
    private int next;
    private int size;

    FxSeries(int capacity) {
        times = new long[capacity];
        latencies = new double[capacity];
    }

    /** NaN latency marks a failed probe. */
    void add(long timeMs, double latencyMs) {
        times[next] = timeMs;
        latencies[next] = latencyMs;
        next = (next + 1) % times.length;
        size = Math.min(size + 1, times.length);
    }

    int size() {
        return size;
    }

    long time(int i) {
        return times[(start() + i) % times.length];
    }

    double latency(int i) {
        return latencies[(start() + i) % times.length];
    }

    private int start() {
        return size < times.length ? 0 : next;
    }

    /** The newest {@code n} latencies, oldest first, for a sparkline. */
    double[] last(int n) {
        int count = Math.min(n, size);
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = latency(size - count + i);
        }
        return out;
    }
}
