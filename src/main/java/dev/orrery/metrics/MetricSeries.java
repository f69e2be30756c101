package dev.orrery.metrics;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Points of a chart read from the history store: for each time (ms, the bucket's start) the
 * average and the maximum of every {@link Metric} (NaN where nothing was known).
 *
 * @param resolutionSeconds the stored resolution the points were made from (10, 60 or 3600)
 * @param bucketSeconds     how many seconds each point covers
 */
public record MetricSeries(long[] timesMs, Map<Metric, double[]> avg, Map<Metric, double[]> max,
                           int resolutionSeconds, long bucketSeconds) {

    public static MetricSeries empty() {
        Map<Metric, double[]> a = new EnumMap<>(Metric.class);
        Map<Metric, double[]> m = new EnumMap<>(Metric.class);
        for (Metric k : Metric.values()) {
            a.put(k, new double[0]);
            m.put(k, new double[0]);
        }
        return new MetricSeries(new long[0], a, m, 10, 10);
    }

    public int size() {
        return timesMs.length;
    }

    public double[] avg(Metric m) {
        return avg.get(m);
    }

    public double[] max(Metric m) {
        return max.get(m);
    }

    /** Memory used as a percent of the total at each point. */
    public double[] memoryPercent(boolean maximum) {
        double[] used = maximum ? max(Metric.MEM_USED) : avg(Metric.MEM_USED);
        double[] total = avg(Metric.MEM_TOTAL);
        double[] out = new double[used.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = total[i] > 0 ? 100 * used[i] / total[i] : Double.NaN;
        }
        return out;
    }

    /** The last known value of a metric, NaN when none. */
    public double last(Metric m) {
        double[] v = avg(m);
        for (int i = v.length - 1; i >= 0; i--) {
            if (!Double.isNaN(v[i])) {
                return v[i];
            }
        }
        return Double.NaN;
    }

    /** The mean of the averages and the highest maximum over the whole series. */
    public double[] summary(Metric m) {
        double sum = 0;
        int n = 0;
        double hi = Double.NaN;
        double[] a = avg(m);
        double[] x = max(m);
        for (int i = 0; i < a.length; i++) {
            if (!Double.isNaN(a[i])) {
                sum += a[i];
                n++;
            }
            if (!Double.isNaN(x[i]) && (Double.isNaN(hi) || x[i] > hi)) {
                hi = x[i];
            }
        }
        return new double[] {n == 0 ? Double.NaN : sum / n, hi};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricSeries s && Arrays.equals(s.timesMs, timesMs) && s.resolutionSeconds == resolutionSeconds
                && s.bucketSeconds == bucketSeconds && Arrays.stream(Metric.values())
                .allMatch(m -> Arrays.equals(s.avg(m), avg(m)) && Arrays.equals(s.max(m), max(m)));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(timesMs);
    }
}
