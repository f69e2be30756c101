package dev.orrery.metrics;

/**
 * The health probes' history as chart points: per bucket, probes that succeeded and failed, and
 * the mean and worst latency in ms (NaN where no probe answered).
 */
public record ProbeSeries(long[] timesMs, long[] ok, long[] fail, double[] latencyMs, double[] worstMs, long bucketSeconds) {

    public static ProbeSeries empty() {
        return new ProbeSeries(new long[0], new long[0], new long[0], new double[0], new double[0], 10);
    }

    public int size() {
        return timesMs.length;
    }
}
