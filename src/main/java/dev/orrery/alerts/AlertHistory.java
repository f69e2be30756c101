package dev.orrery.alerts;

import dev.orrery.model.AlertKind;
import dev.orrery.store.history.HistoryDb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Alert history in Orrery's {@link HistoryDb}, feature {@code alerts}: every firing and resolved
 * message, and every attempt to deliver one on a channel, kept a year. On start the incidents
 * still firing are read back ({@link #open}) so they resolve later instead of firing twice.
 */
public final class AlertHistory {
    public static final long KEEP_MS = 365L * 24 * 3600_000;

    private final HistoryDb db;

    private AlertHistory(HistoryDb db) {
        this.db = db;
    }

    public static AlertHistory open(HistoryDb db) throws SQLException {
        db.migrate("alerts", List.of(
                "CREATE TABLE alert_event(id INTEGER PRIMARY KEY, cluster TEXT NOT NULL, incident TEXT NOT NULL, rule TEXT NOT NULL,"
                        + " kind TEXT NOT NULL, server TEXT NOT NULL, status TEXT NOT NULL, t INTEGER NOT NULL, since INTEGER NOT NULL,"
                        + " value REAL, threshold INTEGER NOT NULL, text TEXT NOT NULL, test INTEGER NOT NULL)",
                "CREATE INDEX alert_event_t ON alert_event(cluster, t)",
                "CREATE TABLE alert_delivery(cluster TEXT NOT NULL, incident TEXT NOT NULL, status TEXT NOT NULL, channel TEXT NOT NULL,"
                        + " t INTEGER NOT NULL, ok INTEGER NOT NULL, attempt INTEGER NOT NULL, detail TEXT NOT NULL)",
                "CREATE INDEX alert_delivery_incident ON alert_delivery(cluster, incident)"));
        db.registerPruner("alerts", (c, bytes) -> {
            // the oldest thousand messages and their deliveries
            int n = Math.toIntExact(Math.max(1, Math.min(1000, bytes / 200)));
            try (PreparedStatement st = c.prepareStatement(
                    "DELETE FROM alert_event WHERE id IN (SELECT id FROM alert_event ORDER BY id LIMIT ?)")) {
                st.setInt(1, n);
                int deleted = st.executeUpdate();
                c.createStatement().executeUpdate("DELETE FROM alert_delivery WHERE NOT EXISTS (SELECT 1 FROM alert_event e"
                        + " WHERE e.cluster = alert_delivery.cluster AND e.incident = alert_delivery.incident)");
                return deleted;
            }
        });
        return new AlertHistory(db);
    }

    /** One stored message, with how its deliveries went. */
    public record Entry(AlertEvent event, List<Delivery> deliveries) {
    }

    public record Delivery(String channel, long timeMs, boolean ok, int attempt, String detail) {
    }

    public HistoryDb.SqlWork<Void> record(AlertEvent e) {
        return c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO alert_event(cluster, incident, rule, kind, server, status, t, since,"
                    + " value, threshold, text, test) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                st.setString(1, e.cluster());
                st.setString(2, e.incidentId());
                st.setString(3, e.rule());
                st.setString(4, e.kind().key());
                st.setString(5, e.subject());
                st.setString(6, e.status());
                st.setLong(7, e.timeMs());
                st.setLong(8, e.sinceMs());
                if (Double.isNaN(e.value())) {
                    st.setNull(9, java.sql.Types.REAL);
                } else {
                    st.setDouble(9, e.value());
                }
                st.setInt(10, e.threshold());
                st.setString(11, e.text());
                st.setInt(12, e.test() ? 1 : 0);
                st.executeUpdate();
            }
            return null;
        };
    }

    public HistoryDb.SqlWork<Void> delivery(AlertEvent e, String channel, long timeMs, boolean ok, int attempt, String detail) {
        return c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO alert_delivery(cluster, incident, status, channel, t, ok, attempt, detail)"
                    + " VALUES(?, ?, ?, ?, ?, ?, ?, ?)")) {
                st.setString(1, e.cluster());
                st.setString(2, e.incidentId());
                st.setString(3, e.status());
                st.setString(4, channel);
                st.setLong(5, timeMs);
                st.setInt(6, ok ? 1 : 0);
                st.setInt(7, attempt);
                st.setString(8, detail);
                st.executeUpdate();
            }
            return null;
        };
    }

    /** Drops what is older than a year. */
    public HistoryDb.SqlWork<Void> maintain(long nowMs) {
        return c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM alert_event WHERE t < ?");
                 PreparedStatement d = c.prepareStatement("DELETE FROM alert_delivery WHERE t < ?")) {
                st.setLong(1, nowMs - KEEP_MS);
                st.executeUpdate();
                d.setLong(1, nowMs - KEEP_MS);
                d.executeUpdate();
            }
            return null;
        };
    }

    /** The cluster's messages since {@code fromMs}, newest first, at most {@code limit}. */
    public List<Entry> history(String cluster, long fromMs, int limit) throws SQLException {
        return db.read(c -> {
            List<Entry> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT cluster, rule, kind, server, status, t, since, value, threshold, text, test"
                    + " FROM alert_event WHERE cluster = ? AND t >= ? ORDER BY t DESC, id DESC LIMIT ?")) {
                q.setString(1, cluster);
                q.setLong(2, fromMs);
                q.setInt(3, limit);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        AlertEvent e = read(rs);
                        out.add(new Entry(e, deliveries(c, e)));
                    }
                }
            }
            return out;
        });
    }

    /** Incidents whose firing message has no resolved message yet, oldest first. */
    public List<AlertEvent> open(String cluster) throws SQLException {
        return db.read(c -> {
            List<AlertEvent> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT cluster, rule, kind, server, status, t, since, value, threshold, text, test"
                    + " FROM alert_event f WHERE cluster = ? AND status = 'firing' AND test = 0 AND NOT EXISTS (SELECT 1 FROM alert_event r"
                    + " WHERE r.cluster = f.cluster AND r.incident = f.incident AND r.status = 'resolved') ORDER BY t")) {
                q.setString(1, cluster);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
            }
            return out;
        });
    }

    private static List<Delivery> deliveries(Connection c, AlertEvent e) throws SQLException {
        List<Delivery> out = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT channel, t, ok, attempt, detail FROM alert_delivery"
                + " WHERE cluster = ? AND incident = ? AND status = ? ORDER BY t")) {
            q.setString(1, e.cluster());
            q.setString(2, e.incidentId());
            q.setString(3, e.status());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new Delivery(rs.getString(1), rs.getLong(2), rs.getInt(3) == 1, rs.getInt(4), rs.getString(5)));
                }
            }
        }
        return out;
    }

    private static AlertEvent read(ResultSet rs) throws SQLException {
        double v = rs.getDouble(8);
        boolean noValue = rs.wasNull();
        return new AlertEvent(rs.getString(1), rs.getString(2), AlertKind.parse(rs.getString(3)), rs.getString(4),
                rs.getString(5).equals("firing"), rs.getLong(6), rs.getLong(7), noValue ? Double.NaN : v, rs.getInt(9),
                rs.getString(10), rs.getInt(11) == 1);
    }
}
