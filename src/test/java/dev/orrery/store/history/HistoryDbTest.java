package dev.orrery.store.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryDbTest {
    @TempDir
    Path dir;

    private static long count(HistoryDb db, String table) throws SQLException {
        return db.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void migrationsRunOnceInOrderAndSurviveReopening() throws Exception {
        Path file = dir.resolve("h/history.db");
        try (HistoryDb db = HistoryDb.open(file)) {
            db.migrate("demo", List.of("CREATE TABLE demo(t INTEGER, v TEXT)"));
            db.write(c -> c.createStatement().executeUpdate("INSERT INTO demo VALUES (1, 'a')"));
        }
        try (HistoryDb db = HistoryDb.open(file)) {
            db.migrate("demo", List.of("CREATE TABLE demo(t INTEGER, v TEXT)", "CREATE INDEX demo_t ON demo(t)"));
            assertThat(count(db, "demo")).isEqualTo(1);
            assertThatThrownBy(() -> db.migrate("demo", List.of("CREATE TABLE demo(t INTEGER, v TEXT)")))
                    .hasMessageContaining("newer than this Orrery knows");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aFailedWriteLeavesNothingBehind() throws Exception {
        try (HistoryDb db = HistoryDb.open(dir.resolve("history.db"))) {
            db.migrate("demo", List.of("CREATE TABLE demo(t INTEGER NOT NULL)"));
            assertThatThrownBy(() -> db.write(c -> {
                c.createStatement().executeUpdate("INSERT INTO demo VALUES (1)");
                return c.createStatement().executeUpdate("INSERT INTO demo VALUES (NULL)");
            })).isInstanceOf(SQLException.class);
            assertThat(count(db, "demo")).isZero();
        }
    }

    @Test
    void theCapAsksEachFeatureToGiveUpItsOldestRows() throws Exception {
        try (HistoryDb db = HistoryDb.open(dir.resolve("history.db"))) {
            db.migrate("demo", List.of("CREATE TABLE demo(t INTEGER PRIMARY KEY, v TEXT)"));
            db.write(c -> {
                try (PreparedStatement st = c.prepareStatement("INSERT INTO demo VALUES (?, ?)")) {
                    for (int i = 0; i < 20_000; i++) {
                        st.setInt(1, i);
                        st.setString(2, "x".repeat(100));
                        st.addBatch();
                    }
                    return st.executeBatch().length;
                }
            });
            long before = db.usedBytes();
            db.registerPruner("demo", (c, bytes) -> {
                try (PreparedStatement st = c.prepareStatement(
                        "DELETE FROM demo WHERE t IN (SELECT t FROM demo ORDER BY t LIMIT ?)")) {
                    st.setLong(1, Math.max(1, bytes / 110));
                    return st.executeUpdate();
                }
            });
            db.enforceCap(before / 2);
            assertThat(db.usedBytes()).isLessThanOrEqualTo(before / 2);
            long left = count(db, "demo");
            assertThat(left).isBetween(1L, 12_000L);
            // The oldest rows went first.
            long newest = db.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT max(t) FROM demo")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(newest).isEqualTo(19_999L);
        }
    }
}
