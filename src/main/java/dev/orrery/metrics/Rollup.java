package dev.orrery.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Roll-ups and retention for one family of history tables: {@code NAME_raw} (one row per sample),
 * {@code NAME_1m} and {@code NAME_1h} (one row per series and minute / hour), all keyed by
 * {@code (series, t)} with {@code t} in epoch seconds, {@code WITHOUT ROWID} so a series' rows lie
 * together and a range read is one seek. Each column says how a minute is made of samples
 * ({@code raw}) and how an hour, or the cluster's row, is made of minutes ({@code roll}).
 *
 * <p>A cluster's own series (server {@code ""}) gets, for each minute and hour, the roll of its
 * servers' rows: the average across servers and the busiest server's maximum. Every SQL text
 * here is built from constant column names in Orrery's source; values go in as parameters.
 */
final class Rollup {
    static final long MINUTE = 60;
    static final long HOUR = 3600;

    /** @param raw aggregate over samples, e.g. {@code round(avg(cpu))}; @param roll over rolled rows, e.g. {@code max(cpu_max)} */
    record Column(String name, String raw, String roll) {
    }

    private final String family;
    private final List<Column> columns;
    private final String names;

    Rollup(String family, List<Column> columns) {
        this.family = family;
        this.columns = List.copyOf(columns);
        this.names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }

    String raw() {
        return family + "_raw";
    }

    String minute() {
        return family + "_1m";
    }

    String hour() {
        return family + "_1h";
    }

    List<Column> columns() {
        return columns;
    }

    /** DDL of the two rolled tables. */
    List<String> rolledTables() {
        String cols = columns.stream().map(c -> c.name() + " INTEGER").collect(Collectors.joining(", "));
        List<String> ddl = new ArrayList<>();
        for (String t : List.of(minute(), hour())) {
            ddl.add("CREATE TABLE " + t + "(series INTEGER NOT NULL, t INTEGER NOT NULL, n INTEGER NOT NULL, " + cols
                    + ", PRIMARY KEY(series, t)) WITHOUT ROWID");
        }
        return ddl;
    }

    /** Rolls {@code [from, to)} (whole minutes) of one server's samples into minutes. */
    void samplesToMinutes(Connection c, long series, long from, long to) throws SQLException {
        String sql = "INSERT OR REPLACE INTO " + minute() + "(series, t, n, " + names + ") SELECT series, (t / 60) * 60, count(*), "
                + columns.stream().map(Column::raw).collect(Collectors.joining(", "))
                + " FROM " + raw() + " WHERE series = ? AND t >= ? AND t < ? GROUP BY t / 60";
        run(c, sql, series, from, to);
    }

    /** Rolls {@code [from, to)} (whole hours) of one series' minutes into hours. */
    void minutesToHours(Connection c, long series, long from, long to) throws SQLException {
        String sql = "INSERT OR REPLACE INTO " + hour() + "(series, t, n, " + names + ") SELECT series, (t / 3600) * 3600, sum(n), "
                + columns.stream().map(Column::roll).collect(Collectors.joining(", "))
                + " FROM " + minute() + " WHERE series = ? AND t >= ? AND t < ? GROUP BY t / 3600";
        run(c, sql, series, from, to);
    }

    /** The cluster's row per minute (or hour) of {@code table}: the roll across its servers' rows. */
    void clusterRows(Connection c, String table, long clusterSeries, List<Long> servers, long from, long to) throws SQLException {
        if (servers.isEmpty()) {
            return;
        }
        String in = servers.stream().map(s -> "?").collect(Collectors.joining(", "));
        String sql = "INSERT OR REPLACE INTO " + table + "(series, t, n, " + names + ") SELECT ?, t, count(*), "
                + columns.stream().map(Column::roll).collect(Collectors.joining(", "))
                + " FROM " + table + " WHERE series IN (" + in + ") AND t >= ? AND t < ? GROUP BY t";
        try (PreparedStatement st = c.prepareStatement(sql)) {
            int i = 1;
            st.setLong(i++, clusterSeries);
            for (long s : servers) {
                st.setLong(i++, s);
            }
            st.setLong(i++, from);
            st.setLong(i, to);
            st.executeUpdate();
        }
    }

    /** Deletes one series' rows older than each table's horizon; returns rows deleted. */
    int prune(Connection c, long series, long rawBefore, long minuteBefore, long hourBefore) throws SQLException {
        return run(c, "DELETE FROM " + raw() + " WHERE series = ? AND t < ?", series, rawBefore)
                + run(c, "DELETE FROM " + minute() + " WHERE series = ? AND t < ?", series, minuteBefore)
                + run(c, "DELETE FROM " + hour() + " WHERE series = ? AND t < ?", series, hourBefore);
    }

    /**
     * For the size cap: gives up the oldest day of minutes, else the oldest week of hours, else the
     * oldest hour of samples, of every series. Returns rows deleted (0: nothing left).
     */
    int pruneOldest(Connection c, List<Long> series) throws SQLException {
        for (String[] step : new String[][] {{minute(), "86400"}, {hour(), "604800"}, {raw(), "3600"}}) {
            Long oldest = oldest(c, step[0], series);
            if (oldest == null) {
                continue;
            }
            int n = 0;
            for (long s : series) {
                n += run(c, "DELETE FROM " + step[0] + " WHERE series = ? AND t < ?", s, oldest + Long.parseLong(step[1]));
            }
            if (n > 0) {
                return n;
            }
        }
        return 0;
    }

    /** The oldest row of any of these series (one index seek each: min(t) over the whole table would scan it). */
    private static Long oldest(Connection c, String table, List<Long> series) throws SQLException {
        Long oldest = null;
        try (PreparedStatement st = c.prepareStatement("SELECT min(t) FROM " + table + " WHERE series = ?")) {
            for (long s : series) {
                st.setLong(1, s);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        long v = rs.getLong(1);
                        if (!rs.wasNull() && (oldest == null || v < oldest)) {
                            oldest = v;
                        }
                    }
                }
            }
        }
        return oldest;
    }

    static int run(Connection c, String sql, long... args) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setLong(i + 1, args[i]);
            }
            return st.executeUpdate();
        }
    }
}
