package dev.orrery.store.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Orrery's one embedded store for history that outlives the window: metrics, probe results,
 * log lines kept for search, alert history (SQLite through {@code org.xerial:sqlite-jdbc}). The
 * cluster JSON stays the source of truth for configuration; this holds only what happened.
 *
 * <p>Why SQLite: one file, no server, crash-safe with its write-ahead log (a {@code kill -9}
 * mid-write loses at most the open transaction, never the file), range queries on indexed
 * time columns, and usable from the window and the command line at once (WAL lets readers
 * run beside the one writer; a busy timeout makes a second writer wait instead of failing).
 *
 * <p>Each feature owns its tables: it calls {@link #migrate} with its name and numbered DDL
 * steps when it starts, and registers a {@link Pruner} so {@link #enforceCap} can make room.
 * Writes go through {@link #write} (one writer connection, serialised); reads through
 * {@link #read} (a second connection, so a long search does not hold up writes).
 *
 * <pre>{@code
 * try (HistoryDb db = HistoryDb.open(home.historyDb())) {
 *     db.migrate("metrics", List.of("CREATE TABLE metric(...)", "CREATE INDEX ..."));
 *     db.write(c -> { try (var st = c.prepareStatement("INSERT ...")) { ...; return st.executeUpdate(); } });
 * }
 * }</pre>
 */
public final class HistoryDb implements AutoCloseable {

    /** Work on a connection; runs in a transaction for {@link #write}. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Deletes a feature's oldest rows to free about {@code bytes}; returns rows deleted (0: nothing
     * left to give). Called by {@link #enforceCap} inside the writer's transaction.
     */
    @FunctionalInterface
    public interface Pruner {
        int prune(Connection c, long bytes) throws SQLException;
    }

    /** The whole store's size cap by default (every feature together): 1 GiB. */
    public static final long DEFAULT_CAP_BYTES = 1L << 30;

    /** The cap: {@code ORRERY_HISTORY_CAP_MB} when set to a whole number of MB (at least 16), else {@link #DEFAULT_CAP_BYTES}. */
    public static long capBytes(java.util.Map<String, String> env) {
        String v = env.get("ORRERY_HISTORY_CAP_MB");
        if (v != null && v.matches("\\d{1,7}") && Long.parseLong(v) >= 16) {
            return Long.parseLong(v) << 20;
        }
        return DEFAULT_CAP_BYTES;
    }

    private final Path file;
    private final Connection writer;
    private final Connection reader;
    private final Map<String, Pruner> pruners = new ConcurrentHashMap<>();
    private final List<String> features = new CopyOnWriteArrayList<>();

    private HistoryDb(Path file, Connection writer, Connection reader) {
        this.file = file;
        this.writer = writer;
        this.reader = reader;
    }

    /** Opens (or creates, owner-only) the store at {@code file}. */
    public static HistoryDb open(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        dev.orrery.store.PrivateFiles.createDirectories(dir);
        try {
            Connection w = connect(file);
            try (Statement st = w.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
                // NORMAL in WAL mode: a power cut may lose the last transactions, never corrupt the file.
                st.execute("PRAGMA synchronous=NORMAL");
                st.execute("CREATE TABLE IF NOT EXISTS schema_version(feature TEXT PRIMARY KEY, version INTEGER NOT NULL)");
            }
            restrict(file);
            Connection r = connect(file);
            return new HistoryDb(file, w, r);
        } catch (SQLException e) {
            throw new IOException("cannot open the history store " + file + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout=5000");
            st.execute("PRAGMA foreign_keys=ON");
        }
        return c;
    }

    private static void restrict(Path file) {
        try {
            for (String suffix : List.of("", "-wal", "-shm")) {
                Path p = Path.of(file + suffix);
                if (Files.exists(p)) {
                    Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                }
            }
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system (Windows): the data folder's own permissions apply.
        }
    }

    public Path file() {
        return file;
    }

    /**
     * Brings {@code feature}'s tables to the latest of its numbered steps: step i (from 1) runs
     * once, in order, each in the same transaction as the version it records. Steps are never
     * edited once shipped; a change is a new step.
     */
    public synchronized void migrate(String feature, List<String> steps) throws SQLException {
        write(c -> {
            int have = 0;
            try (PreparedStatement q = c.prepareStatement("SELECT version FROM schema_version WHERE feature = ?")) {
                q.setString(1, feature);
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next()) {
                        have = rs.getInt(1);
                    }
                }
            }
            if (have > steps.size()) {
                throw new SQLException("the history store's " + feature + " tables are at version " + have
                        + ", newer than this Orrery knows (" + steps.size() + "): it was written by a newer version");
            }
            try (Statement st = c.createStatement()) {
                for (int i = have; i < steps.size(); i++) {
                    st.execute(steps.get(i));
                }
            }
            try (PreparedStatement up = c.prepareStatement(
                    "INSERT INTO schema_version(feature, version) VALUES(?, ?) ON CONFLICT(feature) DO UPDATE SET version = excluded.version")) {
                up.setString(1, feature);
                up.setInt(2, steps.size());
                up.executeUpdate();
            }
            return null;
        });
        if (!features.contains(feature)) {
            features.add(feature);
        }
    }

    public void registerPruner(String feature, Pruner pruner) {
        pruners.put(feature, pruner);
    }

    /** Runs {@code work} on the writer connection in one transaction; rolled back if it throws. */
    public <T> T write(SqlWork<T> work) throws SQLException {
        synchronized (writer) {
            writer.setAutoCommit(false);
            try {
                T result = work.run(writer);
                writer.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                writer.rollback();
                throw e;
            } finally {
                writer.setAutoCommit(true);
            }
        }
    }

    /** Runs {@code work} on the reader connection (it sees every committed write). */
    public <T> T read(SqlWork<T> work) throws SQLException {
        synchronized (reader) {
            return work.run(reader);
        }
    }

    /** Bytes the store uses on disk now: the database, its write-ahead log and its index. */
    public long sizeOnDisk() {
        long total = 0;
        for (String suffix : List.of("", "-wal", "-shm")) {
            try {
                total += Files.size(Path.of(file + suffix));
            } catch (IOException absent) {
                // no WAL yet
            }
        }
        return total;
    }

    /** Bytes the database's pages hold (free pages left by deletes not counted). */
    public long usedBytes() throws SQLException {
        return read(c -> {
            try (Statement st = c.createStatement()) {
                long pageSize = single(st, "PRAGMA page_size");
                long pages = single(st, "PRAGMA page_count");
                long free = single(st, "PRAGMA freelist_count");
                return pageSize * (pages - free);
            }
        });
    }

    /**
     * Keeps the store under {@code capBytes}: asks each feature's pruner, in turn, to free its
     * share of the excess until the store fits or nobody has rows left to give. Freed pages are
     * reused by later writes (the file does not shrink, it stops growing).
     */
    public void enforceCap(long capBytes) throws SQLException {
        for (int round = 0; round < 20; round++) {
            long excess = usedBytes() - capBytes;
            if (excess <= 0 || pruners.isEmpty()) {
                return;
            }
            long share = Math.max(excess / pruners.size(), 4096);
            int deleted = write(c -> {
                int n = 0;
                for (Pruner p : pruners.values()) {
                    n += p.prune(c, share);
                }
                return n;
            });
            if (deleted == 0) {
                return;
            }
        }
    }

    public List<String> features() {
        return List.copyOf(features);
    }

    @Override
    public void close() {
        for (Connection c : List.of(reader, writer)) {
            try {
                c.close();
            } catch (SQLException e) {
                throw new UncheckedIOException(new IOException("closing the history store: " + e.getMessage(), e));
            }
        }
    }

    private static long single(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
