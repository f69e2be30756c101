package dev.orrery.metrics;

import dev.orrery.store.history.HistoryDb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the metrics and probe history for charts and the command line, on the store's reader
 * connection (never waiting on the writer). A chart asks for at most {@code maxPoints} points; the
 * finest stored resolution that covers the range without reading too many rows is chosen and
 * grouped into even buckets in SQL: 15 minutes and an hour from raw samples, a day from raw or
 * minutes, a week from minutes, a month from hours.
 */
public final class MetricsQueries {
    /** Rows read per point at most before a coarser table is used. */
    private static final int ROWS_PER_POINT = 12;
    /** A cluster chart computed from raw samples reads this many rows at most (beyond: its minute rows). */
    private static final long CLUSTER_RAW_ROWS = 150_000;

    private final HistoryDb db;

    public MetricsQueries(HistoryDb db) {
        this.db = db;
    }

    /** A marker on the charts: a deploy started, finished, failed, was rolled back. */
    public record Marker(long timeMs, String kind, String label) {
    }

    /** An unplanned outage of a server; {@code endMs} is 0 while it lasts. */
    public record Outage(String server, long startMs, long endMs, String text) {
    }

    /** A server's last stored sample. */
    public record Latest(String server, long timeMs, Sample.Source source, Map<Metric, Double> values) {
    }

    private record Plan(String table, int resolution, long bucket, boolean rolled) {
    }

    /**
     * Points of one server ({@code server} non-null) or of the cluster (null: averages across its
     * servers, the busiest server's maximum) between {@code fromMs} and {@code toMs}.
     */
    public MetricSeries metrics(String cluster, String server, long fromMs, long toMs, int maxPoints, long nowMs) throws SQLException {
        return metrics(cluster, server, fromMs, toMs, maxPoints, nowMs, java.util.EnumSet.allOf(Metric.class));
    }

    /** The same, reading only {@code wanted} (the others are NaN): a chart needs a few of the twenty. */
    public MetricSeries metrics(String cluster, String server, long fromMs, long toMs, int maxPoints, long nowMs,
                                java.util.Set<Metric> wanted) throws SQLException {
        return db.read(c -> {
            List<Long> series = seriesFor(c, cluster, server);
            if (series.isEmpty()) {
                return MetricSeries.empty();
            }
            Plan p = plan(MetricsStore.METRICS, fromMs, toMs, maxPoints, nowMs, server == null ? servers(c, cluster) : 1);
            List<Long> read = p.rolled() && server == null ? List.of(MetricsStore.lookup(c, cluster, MetricsStore.CLUSTER)) : series;
            // only the wanted metrics' columns are selected and read: each value read is a call into the driver (two, with
            // wasNull), and a month's chart reads 720 rows
            Metric[] all = Metric.values();
            List<Metric> cols = new ArrayList<>();
            StringBuilder sel = new StringBuilder();
            for (Metric m : all) {
                if (!wanted.contains(m)) {
                    continue;
                }
                cols.add(m);
                sel.append(", avg(").append(m.column()).append(")");
                String maxOf = p.rolled() && m.keepMax() ? m.column() + "_max" : m.column();
                sel.append(", max(").append(maxOf).append(")");
            }
            List<long[]> rows = new ArrayList<>();
            List<double[]> values = new ArrayList<>();
            query(c, p, read, sel.toString(), fromMs, toMs, rs -> {
                rows.add(new long[] {rs.getLong(1) * 1000});
                double[] v = new double[all.length * 2];
                java.util.Arrays.fill(v, Double.NaN);
                for (int k = 0; k < cols.size(); k++) {
                    Metric m = cols.get(k);
                    for (int j = 0; j < 2; j++) {
                        double x = rs.getDouble(3 + 2 * k + j);
                        v[m.ordinal() * 2 + j] = rs.wasNull() ? Double.NaN : m.fromStored(x);
                    }
                }
                values.add(v);
            });
            long[] t = rows.stream().mapToLong(r -> r[0]).toArray();
            Map<Metric, double[]> avg = new EnumMap<>(Metric.class);
            Map<Metric, double[]> max = new EnumMap<>(Metric.class);
            for (Metric m : Metric.values()) {
                double[] a = new double[t.length];
                double[] x = new double[t.length];
                for (int i = 0; i < t.length; i++) {
                    a[i] = values.get(i)[m.ordinal() * 2];
                    x[i] = values.get(i)[m.ordinal() * 2 + 1];
                }
                avg.put(m, a);
                max.put(m, x);
            }
            return new MetricSeries(t, avg, max, p.resolution(), p.bucket());
        });
    }

    /** The probes' history of one server, or of the whole cluster (null). */
    public ProbeSeries probes(String cluster, String server, long fromMs, long toMs, int maxPoints, long nowMs) throws SQLException {
        return db.read(c -> {
            List<Long> series = seriesFor(c, cluster, server);
            if (series.isEmpty()) {
                return ProbeSeries.empty();
            }
            Plan p = plan(MetricsStore.PROBES, fromMs, toMs, maxPoints, nowMs, server == null ? servers(c, cluster) : 1);
            List<Long> read = p.rolled() && server == null ? List.of(MetricsStore.lookup(c, cluster, MetricsStore.CLUSTER)) : series;
            List<Object[]> rows = new ArrayList<>();
            query(c, p, read, ", sum(ok), sum(fail), avg(lat), max(lat_max)", fromMs, toMs, rs -> {
                double lat = rs.getDouble(5);
                boolean noLat = rs.wasNull();
                double worst = rs.getDouble(6);
                boolean noWorst = rs.wasNull();
                rows.add(new Object[] {rs.getLong(1) * 1000, rs.getLong(3), rs.getLong(4),
                        noLat ? Double.NaN : lat / 1000, noWorst ? Double.NaN : worst / 1000});
            });
            int n = rows.size();
            long[] t = new long[n];
            long[] ok = new long[n];
            long[] fail = new long[n];
            double[] lat = new double[n];
            double[] worst = new double[n];
            for (int i = 0; i < n; i++) {
                Object[] r = rows.get(i);
                t[i] = (long) r[0];
                ok[i] = (long) r[1];
                fail[i] = (long) r[2];
                lat[i] = (double) r[3];
                worst[i] = (double) r[4];
            }
            return new ProbeSeries(t, ok, fail, lat, worst, p.bucket());
        });
    }

    public List<Marker> markers(String cluster, long fromMs, long toMs) throws SQLException {
        return db.read(c -> {
            List<Marker> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT t, kind, label FROM metric_marker WHERE cluster = ? AND t >= ? AND t < ? ORDER BY t")) {
                q.setString(1, cluster);
                q.setLong(2, fromMs);
                q.setLong(3, toMs);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Marker(rs.getLong(1), rs.getString(2), rs.getString(3)));
                    }
                }
            }
            return out;
        });
    }

    /** Outages overlapping the range, of one server or of all the cluster's (null). */
    public List<Outage> outages(String cluster, String server, long fromMs, long toMs) throws SQLException {
        return db.read(c -> {
            List<Outage> out = new ArrayList<>();
            String sql = "SELECT s.server, o.start, o.end, o.text FROM probe_outage o JOIN series s ON s.id = o.series"
                    + " WHERE s.cluster = ? AND (? IS NULL OR s.server = ?) AND o.start < ? AND (o.end IS NULL OR o.end > ?) ORDER BY o.start";
            try (PreparedStatement q = c.prepareStatement(sql)) {
                q.setString(1, cluster);
                q.setString(2, server);
                q.setString(3, server);
                q.setLong(4, toMs);
                q.setLong(5, fromMs);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        long end = rs.getLong(3);
                        out.add(new Outage(rs.getString(1), rs.getLong(2), rs.wasNull() ? 0 : end, rs.getString(4)));
                    }
                }
            }
            return out;
        });
    }

    /** Each server's last stored sample (the cluster's servers as the store knows them), by server name. */
    public Map<String, Latest> latest(String cluster) throws SQLException {
        return db.read(c -> {
            Map<String, Latest> out = new LinkedHashMap<>();
            String cols = Arrays.stream(Metric.values()).map(Metric::column).collect(Collectors.joining(", "));
            try (PreparedStatement q = c.prepareStatement("SELECT t, source, " + cols + " FROM metric_raw WHERE series = ? ORDER BY t DESC LIMIT 1")) {
                for (Map.Entry<String, Long> e : MetricsStore.servers(c, cluster).entrySet()) {
                    q.setLong(1, e.getValue());
                    try (ResultSet rs = q.executeQuery()) {
                        if (rs.next()) {
                            Map<Metric, Double> v = new EnumMap<>(Metric.class);
                            for (Metric m : Metric.values()) {
                                double x = rs.getDouble(3 + m.ordinal());
                                v.put(m, rs.wasNull() ? Double.NaN : m.fromStored(x));
                            }
                            Sample.Source[] sources = Sample.Source.values();
                            int s = rs.getInt(2);
                            out.put(e.getKey(), new Latest(e.getKey(), rs.getLong(1) * 1000, sources[Math.min(s, sources.length - 1)], v));
                        }
                    }
                }
            }
            return out;
        });
    }

    /** The servers the store has history for, in a cluster. */
    public List<String> servers(String cluster) throws SQLException {
        return db.read(c -> new ArrayList<>(MetricsStore.servers(c, cluster).keySet()));
    }

    private static int servers(Connection c, String cluster) throws SQLException {
        return MetricsStore.servers(c, cluster).size();
    }

    private static List<Long> seriesFor(Connection c, String cluster, String server) throws SQLException {
        if (server != null) {
            long id = MetricsStore.lookup(c, cluster, server);
            return id < 0 ? List.of() : List.of(id);
        }
        return new ArrayList<>(MetricsStore.servers(c, cluster).values());
    }

    /** The finest table whose retention covers {@code from} and whose rows for the range stay few. */
    private static Plan plan(Rollup family, long fromMs, long toMs, int maxPoints, long nowMs, int servers) {
        long range = Math.max(1, (toMs - fromMs) / 1000);
        long age = (nowMs - fromMs) / 1000;
        int points = Math.max(1, maxPoints);
        boolean rawFits = age <= MetricsStore.RAW_SECONDS && range / 10 <= (long) ROWS_PER_POINT * points
                && (servers <= 1 || range / 10 * servers <= CLUSTER_RAW_ROWS);
        if (rawFits) {
            return new Plan(family.raw(), 10, bucket(range, points, 10), false);
        }
        if (age <= MetricsStore.MINUTE_SECONDS + 3600 && range / 60 <= (long) ROWS_PER_POINT * points) {
            return new Plan(family.minute(), 60, bucket(range, points, 60), true);
        }
        return new Plan(family.hour(), 3600, bucket(range, points, 3600), true);
    }

    /** Seconds per point: the range over the points, rounded up to a whole number of stored rows. */
    private static long bucket(long range, int points, int resolution) {
        long b = (range + points - 1) / points;
        return Math.max(resolution, (b + resolution - 1) / resolution * resolution);
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, Plan p, List<Long> series, String aggregates, long fromMs, long toMs, RowReader reader)
            throws SQLException {
        if (series.isEmpty() || series.get(0) < 0) {
            return;
        }
        String in = series.stream().map(s -> "?").collect(Collectors.joining(", "));
        String sql = "SELECT (t / " + p.bucket() + ") * " + p.bucket() + " AS bt, count(*)" + aggregates
                + " FROM " + p.table() + " WHERE series IN (" + in + ") AND t >= ? AND t < ? GROUP BY bt ORDER BY bt";
        try (PreparedStatement q = c.prepareStatement(sql)) {
            int i = 1;
            for (long s : series) {
                q.setLong(i++, s);
            }
            q.setLong(i++, Math.floorDiv(fromMs, 1000));
            q.setLong(i, Math.floorDiv(toMs + 999, 1000));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        }
    }
}
