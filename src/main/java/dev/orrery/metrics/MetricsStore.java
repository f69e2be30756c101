package dev.orrery.metrics;

import dev.orrery.store.history.HistoryDb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The metrics and probe history in Orrery's {@link HistoryDb}: features {@code metrics} (samples,
 * deploy markers) and {@code probes} (the health probes' results in 10-second buckets, state
 * changes, unplanned outages). Samples are kept raw for 24 hours, as 1-minute roll-ups for 30
 * days and 1-hour roll-ups for a year; a size cap takes the oldest first ({@link #pruneForCap}).
 * The methods that write return {@link HistoryDb.SqlWork} for a
 * {@link dev.orrery.store.history.HistoryWriter} to batch; {@link MetricsQueries} reads.
 */
public final class MetricsStore {
    public static final long RAW_SECONDS = 24 * 3600;
    public static final long MINUTE_SECONDS = 30L * 24 * 3600;
    public static final long HOUR_SECONDS = 365L * 24 * 3600;
    /** The name of a cluster's own series (its servers' averages). */
    public static final String CLUSTER = "";

    static final Rollup METRICS = new Rollup("metric", metricColumns());
    static final Rollup PROBES = new Rollup("probe", List.of(
            new Rollup.Column("ok", "sum(ok)", "sum(ok)"),
            new Rollup.Column("fail", "sum(fail)", "sum(fail)"),
            new Rollup.Column("lat", "round(avg(lat))", "round(avg(lat))"),
            new Rollup.Column("lat_max", "max(lat_max)", "max(lat_max)")));

    private final HistoryDb db;
    private final Map<String, Long> ids = new ConcurrentHashMap<>();

    private MetricsStore(HistoryDb db) {
        this.db = db;
    }

    /** Brings the tables up to date and registers the size-cap pruners. */
    public static MetricsStore open(HistoryDb db) throws SQLException {
        db.migrate("metrics", metricsSteps());
        db.migrate("probes", probeSteps());
        MetricsStore store = new MetricsStore(db);
        db.registerPruner("metrics", (c, bytes) -> METRICS.pruneOldest(c, store.allSeries(c)));
        db.registerPruner("probes", (c, bytes) -> PROBES.pruneOldest(c, store.allSeries(c)));
        return store;
    }

    public HistoryDb db() {
        return db;
    }

    private static List<Rollup.Column> metricColumns() {
        List<Rollup.Column> cols = new ArrayList<>();
        for (Metric m : Metric.values()) {
            String c = m.column();
            cols.add(new Rollup.Column(c, "round(avg(" + c + "))", "round(avg(" + c + "))"));
            if (m.keepMax()) {
                cols.add(new Rollup.Column(c + "_max", "max(" + c + ")", "max(" + c + "_max)"));
            }
        }
        return cols;
    }

    private static List<String> metricsSteps() {
        String cols = java.util.Arrays.stream(Metric.values()).map(m -> m.column() + " INTEGER").collect(Collectors.joining(", "));
        List<String> steps = new ArrayList<>();
        steps.add("CREATE TABLE series(id INTEGER PRIMARY KEY, cluster TEXT NOT NULL, server TEXT NOT NULL, UNIQUE(cluster, server))");
        steps.add("CREATE TABLE metric_raw(series INTEGER NOT NULL, t INTEGER NOT NULL, source INTEGER NOT NULL, " + cols
                + ", PRIMARY KEY(series, t)) WITHOUT ROWID");
        steps.addAll(METRICS.rolledTables());
        steps.add("CREATE TABLE metric_marker(cluster TEXT NOT NULL, t INTEGER NOT NULL, kind TEXT NOT NULL, label TEXT NOT NULL)");
        steps.add("CREATE INDEX metric_marker_t ON metric_marker(cluster, t)");
        steps.add("CREATE TABLE rollup_state(name TEXT PRIMARY KEY, done INTEGER NOT NULL)");
        return steps;
    }

    private static List<String> probeSteps() {
        List<String> steps = new ArrayList<>();
        steps.add("CREATE TABLE probe_raw(series INTEGER NOT NULL, t INTEGER NOT NULL, ok INTEGER, fail INTEGER, lat INTEGER, lat_max INTEGER,"
                + " PRIMARY KEY(series, t)) WITHOUT ROWID");
        steps.addAll(PROBES.rolledTables());
        steps.add("CREATE TABLE probe_state(series INTEGER NOT NULL, t INTEGER NOT NULL, state TEXT NOT NULL, PRIMARY KEY(series, t)) WITHOUT ROWID");
        steps.add("CREATE TABLE probe_outage(series INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER, text TEXT NOT NULL,"
                + " PRIMARY KEY(series, start)) WITHOUT ROWID");
        return steps;
    }

    // ---- series ----

    /** The id of a server's (or with {@link #CLUSTER}, the cluster's) series, made on first use. Writer connection. */
    long seriesId(Connection c, String cluster, String server) throws SQLException {
        String key = cluster + "\u0000" + server;
        Long known = ids.get(key);
        if (known != null) {
            return known;
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT OR IGNORE INTO series(cluster, server) VALUES(?, ?)")) {
            ins.setString(1, cluster);
            ins.setString(2, server);
            ins.executeUpdate();
        }
        long id = lookup(c, cluster, server);
        ids.put(key, id);
        return id;
    }

    /** The id of an existing series, or -1. */
    static long lookup(Connection c, String cluster, String server) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT id FROM series WHERE cluster = ? AND server = ?")) {
            q.setString(1, cluster);
            q.setString(2, server);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    /** The servers' series of a cluster (not its own), by server name. */
    static Map<String, Long> servers(Connection c, String cluster) throws SQLException {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        try (PreparedStatement q = c.prepareStatement("SELECT server, id FROM series WHERE cluster = ? AND server <> '' ORDER BY server")) {
            q.setString(1, cluster);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    List<Long> allSeries(Connection c) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT id FROM series"); ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    // ---- writes ----

    private static final String INSERT_SAMPLE = "INSERT OR REPLACE INTO metric_raw(series, t, source, "
            + java.util.Arrays.stream(Metric.values()).map(Metric::column).collect(Collectors.joining(", ")) + ") VALUES(?, ?, ?, "
            + java.util.Arrays.stream(Metric.values()).map(m -> "?").collect(Collectors.joining(", ")) + ")";

    /** One sample as a row of metric_raw (a second sample in the same second replaces the first). */
    public HistoryDb.SqlWork<Void> sample(String cluster, Sample s) {
        return c -> {
            long series = seriesId(c, cluster, s.server());
            try (PreparedStatement st = c.prepareStatement(INSERT_SAMPLE)) {
                st.setLong(1, series);
                st.setLong(2, s.timeMs() / 1000);
                st.setInt(3, s.source().ordinal());
                int i = 4;
                for (Metric m : Metric.values()) {
                    Long v = m.toStored(s.get(m));
                    if (v == null) {
                        st.setNull(i++, Types.INTEGER);
                    } else {
                        st.setLong(i++, v);
                    }
                }
                st.executeUpdate();
            }
            return null;
        };
    }

    /** One 10-second bucket of a server's probes: successes, failures, mean and worst latency in µs. */
    public HistoryDb.SqlWork<Void> probeBucket(String cluster, String server, long bucketStartMs, int ok, int fail, long latUs, long latMaxUs) {
        return c -> {
            long series = seriesId(c, cluster, server);
            try (PreparedStatement st = c.prepareStatement("INSERT OR REPLACE INTO probe_raw(series, t, ok, fail, lat, lat_max) VALUES(?, ?, ?, ?, ?, ?)")) {
                st.setLong(1, series);
                st.setLong(2, bucketStartMs / 1000);
                st.setInt(3, ok);
                st.setInt(4, fail);
                if (ok + fail == 0 || latUs < 0) {
                    st.setNull(5, Types.INTEGER);
                    st.setNull(6, Types.INTEGER);
                } else {
                    st.setLong(5, latUs);
                    st.setLong(6, latMaxUs);
                }
                st.executeUpdate();
            }
            return null;
        };
    }

    /** A probe state change ("up", "down", "checking"). */
    public HistoryDb.SqlWork<Void> probeState(String cluster, String server, long timeMs, String state) {
        return c -> {
            long series = seriesId(c, cluster, server);
            try (PreparedStatement st = c.prepareStatement("INSERT OR REPLACE INTO probe_state(series, t, state) VALUES(?, ?, ?)")) {
                st.setLong(1, series);
                st.setLong(2, timeMs);
                st.setString(3, state);
                st.executeUpdate();
            }
            return null;
        };
    }

    /** An unplanned outage began (the live state's alarm); {@link #outageEnded} closes it. */
    public HistoryDb.SqlWork<Void> outageBegan(String cluster, String server, long timeMs, String text) {
        return c -> {
            long series = seriesId(c, cluster, server);
            try (PreparedStatement st = c.prepareStatement("INSERT OR REPLACE INTO probe_outage(series, start, end, text) VALUES(?, ?, NULL, ?)")) {
                st.setLong(1, series);
                st.setLong(2, timeMs);
                st.setString(3, text);
                st.executeUpdate();
            }
            return null;
        };
    }

    public HistoryDb.SqlWork<Void> outageEnded(String cluster, String server, long timeMs) {
        return c -> {
            long series = seriesId(c, cluster, server);
            Rollup.run(c, "UPDATE probe_outage SET end = ? WHERE series = ? AND end IS NULL", timeMs, series);
            return null;
        };
    }

    /** A deploy marker ("deploy v3 started", "rollback failed …") on the cluster's charts. */
    public HistoryDb.SqlWork<Void> marker(String cluster, long timeMs, String kind, String label) {
        return c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO metric_marker(cluster, t, kind, label) VALUES(?, ?, ?, ?)")) {
                st.setString(1, cluster);
                st.setLong(2, timeMs);
                st.setString(3, kind);
                st.setString(4, label);
                st.executeUpdate();
            }
            return null;
        };
    }

    // ---- upkeep ----

    /**
     * Rolls samples and probe buckets into minutes up to {@code graceMs} before now (late samples
     * still land), minutes into hours, writes each cluster's own rows, and drops what is past its
     * horizon. Idempotent: a restart picks up where the last run stopped (rollup_state).
     */
    public HistoryDb.SqlWork<Void> maintain(long nowMs, long graceMs) {
        return c -> {
            long minuteTarget = (nowMs - graceMs) / 1000 / Rollup.MINUTE * Rollup.MINUTE;
            catchUp(c, "minutes", minuteTarget, RAW_SECONDS, false);
            catchUp(c, "hours", minuteTarget / Rollup.HOUR * Rollup.HOUR, MINUTE_SECONDS, true);
            long now = nowMs / 1000;
            for (long s : allSeries(c)) {
                METRICS.prune(c, s, now - RAW_SECONDS, now - MINUTE_SECONDS, now - HOUR_SECONDS);
                PROBES.prune(c, s, now - RAW_SECONDS, now - MINUTE_SECONDS, now - HOUR_SECONDS);
                Rollup.run(c, "DELETE FROM probe_state WHERE series = ? AND t < ?", s, (now - HOUR_SECONDS) * 1000);
                Rollup.run(c, "DELETE FROM probe_outage WHERE series = ? AND start < ?", s, (now - HOUR_SECONDS) * 1000);
            }
            Rollup.run(c, "DELETE FROM metric_marker WHERE t < ?", (now - HOUR_SECONDS) * 1000);
            return null;
        };
    }

    /**
     * Rolls what lies between where the last run stopped (rollup_state's {@code name}) and
     * {@code target}, never further back than the source rows are kept ({@code keptSeconds}), and
     * records {@code target} as done.
     */
    private void catchUp(Connection c, String name, long target, long keptSeconds, boolean hours) throws SQLException {
        long from = Math.max(done(c, name), target - keptSeconds);
        if (target > from) {
            roll(c, from, target, hours);
            setDone(c, name, target);
        }
    }

    private void roll(Connection c, long from, long to, boolean hours) throws SQLException {
        List<String> clusters = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT DISTINCT cluster FROM series"); ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                clusters.add(rs.getString(1));
            }
        }
        for (String cluster : clusters) {
            List<Long> servers = new ArrayList<>(servers(c, cluster).values());
            for (Rollup r : List.of(METRICS, PROBES)) {
                for (long s : servers) {
                    if (hours) {
                        r.minutesToHours(c, s, from, to);
                    } else {
                        r.samplesToMinutes(c, s, from, to);
                    }
                }
                r.clusterRows(c, hours ? r.hour() : r.minute(), seriesId(c, cluster, CLUSTER), servers, from, to);
            }
        }
    }

    private static long done(Connection c, String name) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT done FROM rollup_state WHERE name = ?")) {
            q.setString(1, name);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static void setDone(Connection c, String name, long value) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT OR REPLACE INTO rollup_state(name, done) VALUES(?, ?)")) {
            st.setString(1, name);
            st.setLong(2, value);
            st.executeUpdate();
        }
    }
}
