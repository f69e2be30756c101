package dev.orrery.tls;

import dev.orrery.store.history.HistoryDb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Certificate attempts in the history store (feature {@code tls}, table {@code tls_attempt}),
 * so "last renewal result" and the failure count behind the retry backoff outlive the window.
 */
public final class TlsHistory {
    static final String FEATURE = "tls";
    private static final List<String> STEPS = List.of(
            "CREATE TABLE tls_attempt(id INTEGER PRIMARY KEY, cluster TEXT NOT NULL, balancer TEXT NOT NULL, at INTEGER NOT NULL,"
                    + " action TEXT NOT NULL, ok INTEGER NOT NULL, step TEXT, message TEXT, serial TEXT, not_after INTEGER, issuer TEXT,"
                    + " by_whom TEXT NOT NULL)",
            "CREATE INDEX tls_attempt_by_balancer ON tls_attempt(cluster, balancer, at)");

    private final HistoryDb db;

    public TlsHistory(HistoryDb db) throws SQLException {
        this.db = db;
        db.migrate(FEATURE, STEPS);
        // Attempts are few (a handful a month); the oldest go first when the store is over its cap.
        db.registerPruner(FEATURE, (c, bytes) -> {
            try (PreparedStatement st = c.prepareStatement(
                    "DELETE FROM tls_attempt WHERE id IN (SELECT id FROM tls_attempt ORDER BY at LIMIT ?)")) {
                st.setLong(1, Math.max(1, bytes / 256));
                return st.executeUpdate();
            }
        });
    }

    public void record(RenewalAttempt a) throws SQLException {
        db.write(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO tls_attempt(cluster, balancer, at, action, ok, step, message,"
                    + " serial, not_after, issuer, by_whom) VALUES(?,?,?,?,?,?,?,?,?,?,?)")) {
                st.setString(1, a.cluster());
                st.setString(2, a.balancer());
                st.setLong(3, a.at().toEpochMilli());
                st.setString(4, a.action());
                st.setInt(5, a.ok() ? 1 : 0);
                st.setString(6, a.step());
                st.setString(7, a.message());
                st.setString(8, a.serial());
                if (a.notAfter() == null) {
                    st.setNull(9, Types.INTEGER);
                } else {
                    st.setLong(9, a.notAfter().toEpochMilli());
                }
                st.setString(10, a.issuer());
                st.setString(11, a.by());
                return st.executeUpdate();
            }
        });
    }

    /** The newest first. */
    public List<RenewalAttempt> recent(String cluster, String balancer, int limit) throws SQLException {
        return db.read(c -> query(c, cluster, balancer, limit));
    }

    public Optional<RenewalAttempt> last(String cluster, String balancer) throws SQLException {
        return recent(cluster, balancer, 1).stream().findFirst();
    }

    /** Failed attempts since the last success (0 when the last one succeeded). */
    public int failuresInARow(String cluster, String balancer) throws SQLException {
        int n = 0;
        for (RenewalAttempt a : recent(cluster, balancer, 100)) {
            if (a.ok()) {
                break;
            }
            n++;
        }
        return n;
    }

    private static List<RenewalAttempt> query(Connection c, String cluster, String balancer, int limit) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT at, action, ok, step, message, serial, not_after, issuer, by_whom"
                + " FROM tls_attempt WHERE cluster = ? AND balancer = ? ORDER BY at DESC, id DESC LIMIT ?")) {
            st.setString(1, cluster);
            st.setString(2, balancer);
            st.setInt(3, limit);
            List<RenewalAttempt> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long notAfter = rs.getLong(7);
                    Instant na = rs.wasNull() ? null : Instant.ofEpochMilli(notAfter);
                    out.add(new RenewalAttempt(cluster, balancer, Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getInt(3) == 1,
                            rs.getString(4), rs.getString(5), rs.getString(6), na, rs.getString(8), rs.getString(9)));
                }
            }
            return out;
        }
    }
}
