package dev.orrery.ui.metrics;

import dev.orrery.metrics.MetricSeries;
import dev.orrery.metrics.MetricsQueries;
import dev.orrery.metrics.ProbeSeries;

import java.util.List;

/** Everything the charts draw for one subject and range, read off the FX thread in one go. */
public record ChartData(String server, long fromMs, long toMs, MetricSeries metrics, ProbeSeries probes,
                        List<MetricsQueries.Marker> markers, List<MetricsQueries.Outage> outages, long readNanos) {

    /** The metrics the five charts draw. */
    static final java.util.Set<dev.orrery.metrics.Metric> CHARTED = java.util.EnumSet.of(dev.orrery.metrics.Metric.CPU,
            dev.orrery.metrics.Metric.STEAL, dev.orrery.metrics.Metric.MEM_USED, dev.orrery.metrics.Metric.MEM_TOTAL,
            dev.orrery.metrics.Metric.DISK, dev.orrery.metrics.Metric.NET_RX, dev.orrery.metrics.Metric.NET_TX);

    /** Reads it from the store: the caller runs this on the io pool. */
    public static ChartData read(MetricsQueries q, String cluster, String server, long fromMs, long toMs, int points) throws Exception {
        long t0 = System.nanoTime();
        MetricSeries m = q.metrics(cluster, server, fromMs, toMs, points, toMs, CHARTED);
        ProbeSeries p = q.probes(cluster, server, fromMs, toMs, points, toMs);
        List<MetricsQueries.Marker> marks = q.markers(cluster, fromMs, toMs);
        List<MetricsQueries.Outage> down = q.outages(cluster, server, fromMs, toMs);
        return new ChartData(server, fromMs, toMs, m, p, marks, down, System.nanoTime() - t0);
    }
}
