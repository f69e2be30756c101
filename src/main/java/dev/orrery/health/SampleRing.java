package dev.orrery.health;

/**
 * A fixed-size history of one server's probes: time, latency and outcome in three primitive
 * arrays allocated once. When full, the oldest sample is overwritten, so memory does not grow
 * however long Orrery runs (13 bytes a sample: the default hour at 750 ms is 4800 samples,
 * about 62 KB a server). Samples are added in time order by one writer at a time; readers
 * get copies.
 */
public final class SampleRing {
    /** One hour at the seed's 750 ms interval. */
    public static final int MIN_CAPACITY = 4800;

    private final long[] times;
    private final float[] latencies;
    private final byte[] outcomes;
    private int next;
    private int size;
    private long total;

    public SampleRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        times = new long[capacity];
        latencies = new float[capacity];
        outcomes = new byte[capacity];
    }

    /** A ring that holds at least an hour at this interval (and never less than {@link #MIN_CAPACITY}). */
    public static SampleRing forOneHour(int intervalMs) {
        long perHour = (3_600_000L + Math.max(1, intervalMs) - 1) / Math.max(1, intervalMs);
        return new SampleRing((int) Math.min(1_000_000, Math.max(MIN_CAPACITY, perHour)));
    }

    public synchronized void add(long timeMs, double latencyMs, Outcome outcome) {
        times[next] = timeMs;
        latencies[next] = (float) latencyMs;
        outcomes[next] = outcome.code();
        next = (next + 1) % times.length;
        if (size < times.length) {
            size++;
        }
        total++;
    }

    public int capacity() {
        return times.length;
    }

    public synchronized int size() {
        return size;
    }

    /** Samples ever added, including those overwritten. */
    public synchronized long total() {
        return total;
    }

    /** The newest {@code n} samples (fewer if the ring holds fewer), oldest first. */
    public synchronized HistorySlice last(int n) {
        int count = Math.max(0, Math.min(n, size));
        return copy(size - count, count);
    }

    /** The samples with {@code fromMs <= time < toMs}, oldest first. */
    public synchronized HistorySlice between(long fromMs, long toMs) {
        int first = lowerBound(fromMs);
        int end = lowerBound(toMs);
        return copy(first, Math.max(0, end - first));
    }

    /** Index (0 = oldest held) of the first sample at or after {@code t}. */
    private int lowerBound(long t) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[physical(mid)] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int physical(int logical) {
        int oldest = size < times.length ? 0 : next;
        return (oldest + logical) % times.length;
    }

    private HistorySlice copy(int fromLogical, int count) {
        long[] t = new long[count];
        float[] l = new float[count];
        byte[] o = new byte[count];
        for (int i = 0; i < count; i++) {
            int p = physical(fromLogical + i);
            t[i] = times[p];
            l[i] = latencies[p];
            o[i] = outcomes[p];
        }
        return new HistorySlice(t, l, o);
    }
}
