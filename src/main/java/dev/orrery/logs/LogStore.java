package dev.orrery.logs;

import dev.orrery.store.history.HistoryDb;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Log lines kept for search and scroll-back, in the one history store ({@link HistoryDb},
 * feature {@value #FEATURE}), with each source's read position written in the same transaction
 * as its lines: after a crash, the next start resumes exactly after the last stored line.
 *
 * <p>Size: every row counts its text's bytes plus {@value #ROW_OVERHEAD} (row, index and page
 * overhead, measured), kept in a running total; {@link #prune} drops the oldest rows beyond the
 * cap and rows older than the age limit. Both are settings stored here, changeable at run time.
 * Reads go through {@link LogQueries}.
 */
public final class LogStore {
    public static final String FEATURE = "logs";
    /** Bytes a stored line costs beyond its text (measured with {@code LogStoreBench}). */
    static final int ROW_OVERHEAD = 48;
    public static final long DEFAULT_CAP_BYTES = 512L * 1024 * 1024;
    public static final int DEFAULT_KEEP_DAYS = 14;

    static final List<String> MIGRATIONS = List.of(
            "CREATE TABLE log_cluster(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)",
            "CREATE TABLE log_line(id INTEGER PRIMARY KEY, cluster INTEGER NOT NULL, t INTEGER NOT NULL, server TEXT NOT NULL,"
                    + " source INTEGER NOT NULL, level INTEGER NOT NULL, own_time INTEGER NOT NULL, problem TEXT, text TEXT NOT NULL)",
            "CREATE INDEX log_line_time ON log_line(cluster, t, id)",
            "CREATE TABLE log_position(cluster INTEGER NOT NULL, source TEXT NOT NULL, position TEXT NOT NULL, PRIMARY KEY(cluster, source))",
            "CREATE TABLE log_setting(name TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "CREATE TABLE log_size(one INTEGER PRIMARY KEY CHECK (one = 1), bytes INTEGER NOT NULL, rows INTEGER NOT NULL)",
            "INSERT INTO log_size VALUES (1, 0, 0)");

    private final HistoryDb db;
    private final Map<String, Integer> clusterIds = new ConcurrentHashMap<>();

    private LogStore(HistoryDb db) {
        this.db = db;
    }

    /** Brings the logs tables up to date and registers their pruner with the store's cap. */
    public static LogStore open(HistoryDb db) throws SQLException {
        db.migrate(FEATURE, MIGRATIONS);
        LogStore store = new LogStore(db);
        db.registerPruner(FEATURE, (c, bytes) -> store.deleteOldest(c, bytes));
        return store;
    }

    public HistoryDb db() {
        return db;
    }

    /**
     * Stores lines of one cluster and, in the same transaction, the positions the sources reached
     * with them (source key → encoded position). Returns the lines with their ids.
     */
    public List<LogLine> append(String cluster, List<LogLine> lines, Map<String, String> positions) throws SQLException {
        if (lines.isEmpty() && positions.isEmpty()) {
            return lines;
        }
        return db.write(c -> {
            int cid = clusterId(c, cluster);
            List<LogLine> out = new ArrayList<>(lines.size());
            long bytes = 0;
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO log_line(cluster, t, server, source, level, own_time, problem, text) VALUES (?,?,?,?,?,?,?,?)")) {
                for (LogLine l : lines) {
                    st.setInt(1, cid);
                    st.setLong(2, l.time());
                    st.setString(3, l.server());
                    st.setInt(4, l.source().ordinal());
                    st.setInt(5, l.level().ordinal());
                    st.setInt(6, l.timeFromLine() ? 1 : 0);
                    st.setString(7, l.problem() == null ? null : l.problem().id());
                    st.setString(8, l.text());
                    st.addBatch();
                    bytes += cost(l.text());
                }
                if (!lines.isEmpty()) {
                    st.executeBatch();
                }
            }
            if (!lines.isEmpty()) {
                // One writer, one transaction: the batch's row ids are consecutive (INTEGER PRIMARY KEY takes max + 1).
                long last;
                try (ResultSet rs = c.createStatement().executeQuery("SELECT last_insert_rowid()")) {
                    rs.next();
                    last = rs.getLong(1);
                }
                long id = last - lines.size() + 1;
                for (LogLine l : lines) {
                    out.add(l.withId(id++));
                }
            }
            if (!lines.isEmpty()) {
                try (PreparedStatement st = c.prepareStatement("UPDATE log_size SET bytes = bytes + ?, rows = rows + ? WHERE one = 1")) {
                    st.setLong(1, bytes);
                    st.setLong(2, lines.size());
                    st.executeUpdate();
                }
            }
            if (!positions.isEmpty()) {
                try (PreparedStatement st = c.prepareStatement(
                        "INSERT INTO log_position(cluster, source, position) VALUES (?,?,?)"
                                + " ON CONFLICT(cluster, source) DO UPDATE SET position = excluded.position")) {
                    for (Map.Entry<String, String> e : positions.entrySet()) {
                        st.setInt(1, cid);
                        st.setString(2, e.getKey());
                        st.setString(3, e.getValue());
                        st.addBatch();
                    }
                    st.executeBatch();
                }
            }
            return out;
        });
    }

    static long cost(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length + ROW_OVERHEAD;
    }

    /** Where each source of the cluster stood after its last stored line. */
    public Map<String, String> positions(String cluster) throws SQLException {
        return db.read(c -> {
            Map<String, String> out = new HashMap<>();
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT p.source, p.position FROM log_position p JOIN log_cluster k ON k.id = p.cluster WHERE k.name = ?")) {
                st.setString(1, cluster);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            return out;
        });
    }

    /** The stored lines' size as counted for the cap, and their number. */
    public long[] size() throws SQLException {
        return db.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT bytes, rows FROM log_size WHERE one = 1")) {
                return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : new long[] {0, 0};
            }
        });
    }

    public long capBytes() throws SQLException {
        return setting("cap_bytes", DEFAULT_CAP_BYTES);
    }

    public int keepDays() throws SQLException {
        return (int) setting("keep_days", DEFAULT_KEEP_DAYS);
    }

    /** The cap and the age limit now (the defaults until set). */
    public LogKeep keep() throws SQLException {
        return new LogKeep(capBytes(), keepDays());
    }

    /**
     * Sets the cap and the age limit together (one transaction: both or neither); the next
     * {@link #prune} applies them. {@link LogKeep} has checked them already.
     */
    public void setKeep(LogKeep keep) throws SQLException {
        db.write(c -> {
            putSetting(c, "cap_bytes", keep.capBytes());
            putSetting(c, "keep_days", keep.keepDays());
            return null;
        });
    }

    /** Sets the cap on the lines kept (at least 1 MB); the next {@link #prune} applies it. */
    public void setCapBytes(long bytes) throws SQLException {
        setKeep(keep().withCapBytes(bytes));
    }

    public void setKeepDays(int days) throws SQLException {
        setKeep(keep().withKeepDays(days));
    }

    /**
     * Drops lines older than the age limit, then the oldest lines until the rest fit the cap.
     * Returns the number of lines dropped.
     */
    public int prune(long nowMs) throws SQLException {
        long cutoff = nowMs - keepDays() * 86_400_000L;
        long cap = capBytes();
        int dropped = db.write(c -> {
            int n = 0;
            // Old lines go in slices, so one transaction never holds the writer for long.
            for (int i = 0; i < 100; i++) {
                int d = deleteWhere(c, "id IN (SELECT id FROM log_line WHERE t < ? LIMIT 5000)", cutoff);
                n += d;
                if (d < 5000) {
                    break;
                }
            }
            return n;
        });
        long excess = size()[0] - cap;
        if (excess > 0) {
            dropped += db.write(c -> deleteOldest(c, excess));
        }
        return dropped;
    }

    /** Deletes the oldest rows worth about {@code bytes}; called by {@link #prune} and the store's cap. */
    private int deleteOldest(Connection c, long bytes) throws SQLException {
        long have;
        long rows;
        try (ResultSet rs = c.createStatement().executeQuery("SELECT bytes, rows FROM log_size WHERE one = 1")) {
            rs.next();
            have = rs.getLong(1);
            rows = rs.getLong(2);
        }
        if (rows == 0) {
            return 0;
        }
        long average = Math.max(1, have / rows);
        long count = Math.min(rows, Math.max(1, (bytes + average - 1) / average));
        return deleteWhere(c, "id IN (SELECT id FROM log_line ORDER BY id LIMIT ?)", count);
    }

    private static int deleteWhere(Connection c, String where, long arg) throws SQLException {
        long bytes = 0;
        int rows = 0;
        try (PreparedStatement sum = c.prepareStatement("SELECT COALESCE(SUM(LENGTH(CAST(text AS BLOB))), 0) + COUNT(*) * "
                + ROW_OVERHEAD + ", COUNT(*) FROM log_line WHERE " + where)) {
            sum.setLong(1, arg);
            try (ResultSet rs = sum.executeQuery()) {
                rs.next();
                bytes = rs.getLong(1);
                rows = rs.getInt(2);
            }
        }
        if (rows == 0) {
            return 0;
        }
        try (PreparedStatement del = c.prepareStatement("DELETE FROM log_line WHERE " + where)) {
            del.setLong(1, arg);
            del.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement("UPDATE log_size SET bytes = MAX(0, bytes - ?), rows = MAX(0, rows - ?) WHERE one = 1")) {
            st.setLong(1, bytes);
            st.setLong(2, rows);
            st.executeUpdate();
        }
        return rows;
    }

    int clusterId(Connection c, String cluster) throws SQLException {
        Integer known = clusterIds.get(cluster);
        if (known != null) {
            return known;
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO log_cluster(name) VALUES (?) ON CONFLICT(name) DO NOTHING")) {
            ins.setString(1, cluster);
            ins.executeUpdate();
        }
        try (PreparedStatement q = c.prepareStatement("SELECT id FROM log_cluster WHERE name = ?")) {
            q.setString(1, cluster);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                int id = rs.getInt(1);
                clusterIds.put(cluster, id);
                return id;
            }
        }
    }

    /** The cluster's id for reads, or -1 when nothing of it was ever stored. */
    int clusterIdForRead(Connection c, String cluster) throws SQLException {
        Integer known = clusterIds.get(cluster);
        if (known != null) {
            return known;
        }
        try (PreparedStatement q = c.prepareStatement("SELECT id FROM log_cluster WHERE name = ?")) {
            q.setString(1, cluster);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getInt(1) : -1;
            }
        }
    }

    private long setting(String name, long fallback) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT value FROM log_setting WHERE name = ?")) {
                st.setString(1, name);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Long.parseLong(rs.getString(1)) : fallback;
                }
            }
        });
    }

    private static void putSetting(Connection c, String name, long value) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO log_setting(name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value")) {
            st.setString(1, name);
            st.setString(2, Long.toString(value));
            st.executeUpdate();
        }
    }
}
