package dev.orrery.logs;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * Reads of the stored lines, in the merged view's order (time, then arrival): the newest page,
 * the page before or after a line, the lines around a moment, regex search, deploy markers.
 * Every read runs on the store's reader connection (never the FX thread's business: callers run
 * it on a background executor).
 *
 * <p>Search: a regex is checked in Java on each candidate row, newest first, until the limit.
 * Where the regex needs a literal text ({@code upstream timed out.*app-2} needs
 * "upstream timed out"), SQLite first keeps only rows containing it ({@code instr}, or
 * {@code LIKE} when case is ignored), which it does in C far faster than rows reach Java.
 */
public final class LogQueries {
    private static final String COLUMNS = "id, t, own_time, server, source, level, problem, text";

    private final LogStore store;
    private final Executor workers;
    private final int inFlight;

    /** Searches run on the caller's thread alone. */
    public LogQueries(LogStore store) {
        this(store, null);
    }

    /**
     * Searches also use {@code workers} (the engine's background executor), at most one task a
     * core at a time, to run the regex while the caller's thread reads from SQLite.
     */
    public LogQueries(LogStore store, Executor workers) {
        this.store = store;
        this.workers = workers;
        this.inFlight = Runtime.getRuntime().availableProcessors();
    }

    /** A search's matches, oldest first, and whether the limit cut older matches off. */
    public record Found(List<LogLine> lines, boolean more, long scanned) {
    }

    /** The newest {@code limit} lines, oldest first. */
    public List<LogLine> latest(String cluster, LogFilter f, int limit) throws SQLException {
        return page(cluster, f, null, false, limit);
    }

    /** Up to {@code limit} lines just before {@code line} in the merged order, oldest first. */
    public List<LogLine> before(String cluster, LogFilter f, LogLine line, int limit) throws SQLException {
        return page(cluster, f, line, false, limit);
    }

    /** Up to {@code limit} lines just after {@code line}, oldest first. */
    public List<LogLine> after(String cluster, LogFilter f, LogLine line, int limit) throws SQLException {
        return page(cluster, f, line, true, limit);
    }

    /** The lines around a moment: {@code before} lines up to it and {@code after} from it, oldest first. */
    public List<LogLine> around(String cluster, LogFilter f, long time, int before, int after) throws SQLException {
        // before: t < time (id 0 is below every id); after: t >= time (id -1 likewise)
        List<LogLine> out = new ArrayList<>(page(cluster, f, new LogLine(0, time, true, "", LogSource.DEPLOY, LogLevel.INFO, "", null), false, before));
        out.addAll(page(cluster, f, new LogLine(-1, time, true, "", LogSource.DEPLOY, LogLevel.INFO, "", null), true, after));
        return out;
    }

    /** Orrery's job markers for the cluster in the filter's time range, oldest first. */
    public List<LogLine> markers(String cluster, LogFilter f, int limit) throws SQLException {
        return store.db().read(c -> {
            int cid = store.clusterIdForRead(c, cluster);
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM log_line WHERE cluster = ? AND source = ?"
                    + " AND t >= ? AND t < ? ORDER BY t DESC, id DESC LIMIT ?")) {
                st.setInt(1, cid);
                st.setInt(2, LogSource.DEPLOY.ordinal());
                st.setLong(3, f.from());
                st.setLong(4, f.to());
                st.setInt(5, limit);
                List<LogLine> out = read(st);
                Collections.reverse(out);
                return out;
            }
        });
    }

    /**
     * The newest {@code limit} lines the filter passes whose text {@code regex} finds, oldest
     * first. SQLite hands the candidate rows over {@value #SCAN_CHUNK} at a time packed in one
     * string ({@link RegexScan}), so a million rows cost a hundred calls into Java instead of a
     * million; the regex runs on them in Java (on the workers, while SQLite reads the next chunk,
     * when this was made with an executor); the matching rows are then read whole. The scan goes
     * by row id, newest first: lines are stored as they arrive, so the most recently stored
     * matches are found first and the scan stops at the limit.
     */
    public Found search(String cluster, LogFilter f, Pattern regex, int limit) throws SQLException {
        return search(cluster, f, regex, limit, new SearchCancel());
    }

    /**
     * {@link #search(String, LogFilter, Pattern, int)} that {@code cancel} stops: between chunks,
     * and inside a long {@code Matcher.find} at its next character. Throws
     * {@link java.util.concurrent.CancellationException} once cancelled.
     */
    public Found search(String cluster, LogFilter f, Pattern regex, int limit, SearchCancel cancel) throws SQLException {
        Optional<String> literal = RegexLiterals.required(regex);
        boolean ignoreCase = (regex.flags() & Pattern.CASE_INSENSITIVE) != 0 || regex.pattern().startsWith("(?i)");
        return store.db().read(c -> {
            int cid = store.clusterIdForRead(c, cluster);
            long[] bounds = idBounds(c, cid, f);
            if (bounds == null) {
                return new Found(List.of(), false, 0);
            }
            StringBuilder where = new StringBuilder();
            List<Object> args = new ArrayList<>();
            // "+cluster", "+t": no index for these, so SQLite walks the table itself by row id
            where(where, args, cid, f);
            String filters = where.toString().replaceFirst("^cluster = \\? AND t >= \\? AND t < \\?",
                    "+cluster = ? AND +t >= ? AND +t < ?");
            if (literal.isPresent()) {
                if (ignoreCase) {
                    filters += " AND text LIKE ? ESCAPE '\\'";
                    args.add("%" + literal.get().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
                } else {
                    filters += " AND instr(text, ?) > 0";
                    args.add(literal.get());
                }
            }
            String rowsSql = "SELECT id, text FROM log_line WHERE id >= ? AND id <= ? AND " + filters + " ORDER BY id DESC";
            // No ORDER BY inside group_concat: sorting the texts again costs as much as reading them; RegexScan orders the hits.
            String sql = "SELECT count(*), min(id), group_concat(id, ','), group_concat(text, char(30)) FROM ("
                    + rowsSql + " LIMIT " + SCAN_CHUNK + ")";
            RegexScan scan = new RegexScan(regex, limit, workers, inFlight, (low, high) -> looseRows(c, rowsSql, args, low, high), cancel);
            long upper = bounds[1];
            try (PreparedStatement st = c.prepareStatement(sql)) {
                while (!scan.enough() && upper >= bounds[0]) {
                    cancel.check();
                    bindRange(st, args, bounds[0], upper);
                    int rows;
                    long lowest;
                    byte[] ids;
                    byte[] texts;
                    try (ResultSet rs = st.executeQuery()) {
                        rs.next();
                        rows = rs.getInt(1);
                        lowest = rs.getLong(2);
                        ids = rs.getBytes(3);
                        texts = rs.getBytes(4);
                    }
                    if (rows == 0 || ids == null || texts == null) {
                        break;
                    }
                    scan.add(ids, texts, rows, lowest, upper);
                    upper = lowest - 1;
                    if (rows < SCAN_CHUNK) {
                        break;
                    }
                }
            }
            List<Long> hits = scan.finish();
            boolean more = hits.size() > limit;
            List<LogLine> out = byIds(c, more ? hits.subList(0, limit) : hits);
            out.sort(ORDER);
            return new Found(out, more, scan.scanned());
        });
    }

    private static void bindRange(PreparedStatement st, List<Object> args, long low, long high) throws SQLException {
        st.setLong(1, low);
        st.setLong(2, high);
        for (int i = 0; i < args.size(); i++) {
            bindOne(st, i + 3, args.get(i));
        }
    }

    /** A chunk's rows one by one, for a chunk whose packing a text broke. */
    private static List<RegexScan.Row> looseRows(java.sql.Connection c, String sql, List<Object> args, long low, long high) throws SQLException {
        List<RegexScan.Row> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bindRange(st, args, low, high);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new RegexScan.Row(rs.getLong(1), rs.getString(2)));
                }
            }
        }
        return out;
    }

    private static final int SCAN_CHUNK = 10_000;

    /** The lowest and highest row id in the filter's time range, or null when it holds none. */
    private static long[] idBounds(java.sql.Connection c, int cid, LogFilter f) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT min(id), max(id) FROM log_line WHERE cluster = ? AND t >= ? AND t < ?")) {
            st.setInt(1, cid);
            st.setLong(2, f.from());
            st.setLong(3, f.to());
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next() || rs.getObject(1) == null) {
                    return null;
                }
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    private static List<LogLine> byIds(java.sql.Connection c, List<Long> ids) throws SQLException {
        List<LogLine> out = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> part = ids.subList(from, Math.min(ids.size(), from + 500));
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM log_line WHERE id IN ("
                    + "?,".repeat(part.size()).replaceAll(",$", "") + ")")) {
                for (int i = 0; i < part.size(); i++) {
                    st.setLong(i + 1, part.get(i));
                }
                out.addAll(read(st));
            }
        }
        return out;
    }

    private static void bindOne(PreparedStatement st, int index, Object a) throws SQLException {
        if (a instanceof Integer n) {
            st.setInt(index, n);
        } else if (a instanceof Long n) {
            st.setLong(index, n);
        } else {
            st.setString(index, (String) a);
        }
    }

    private static final java.util.Comparator<LogLine> ORDER = java.util.Comparator.comparingLong(LogLine::time).thenComparingLong(LogLine::id);

    private List<LogLine> page(String cluster, LogFilter f, LogLine from, boolean forward, int limit) throws SQLException {
        return store.db().read(c -> {
            int cid = store.clusterIdForRead(c, cluster);
            StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM log_line WHERE ");
            List<Object> args = new ArrayList<>();
            where(sql, args, cid, f);
            if (from != null) {
                // a row value: SQLite walks the (cluster, t, id) index from there
                sql.append(forward ? " AND (t, id) > (?, ?)" : " AND (t, id) < (?, ?)");
                args.add(from.time());
                args.add(from.id());
            }
            sql.append(forward ? " ORDER BY t, id" : " ORDER BY t DESC, id DESC").append(" LIMIT ?");
            args.add(limit);
            try (PreparedStatement st = c.prepareStatement(sql.toString())) {
                bind(st, args);
                List<LogLine> out = read(st);
                if (!forward) {
                    Collections.reverse(out);
                }
                return out;
            }
        });
    }

    private static void where(StringBuilder sql, List<Object> args, int cid, LogFilter f) {
        sql.append("cluster = ? AND t >= ? AND t < ?");
        args.add(cid);
        args.add(f.from());
        args.add(f.to());
        StringBuilder lines = new StringBuilder("1");
        if (!f.servers().isEmpty()) {
            lines.append(" AND server IN (").append("?,".repeat(f.servers().size()).replaceAll(",$", "")).append(')');
            args.addAll(f.servers().stream().sorted().toList());
        }
        if (!f.sources().isEmpty()) {
            lines.append(" AND source IN (").append("?,".repeat(f.sources().size()).replaceAll(",$", "")).append(')');
            f.sources().stream().sorted().forEach(s -> args.add(s.ordinal()));
        }
        if (f.minLevel().ordinal() > 0) {
            lines.append(" AND level >= ?");
            args.add(f.minLevel().ordinal());
        }
        boolean markers = f.sources().isEmpty() || f.sources().contains(LogSource.DEPLOY);
        sql.append(" AND (").append(lines).append(markers ? " OR source = " + LogSource.DEPLOY.ordinal() : "").append(')');
    }

    private static void bind(PreparedStatement st, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof Integer n) {
                st.setInt(i + 1, n);
            } else if (a instanceof Long n) {
                st.setLong(i + 1, n);
            } else {
                st.setString(i + 1, (String) a);
            }
        }
    }

    private static List<LogLine> read(PreparedStatement st) throws SQLException {
        List<LogLine> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs, rs.getString(8)));
            }
        }
        return out;
    }

    private static final LogSource[] SOURCES = LogSource.values();
    private static final LogLevel[] LEVELS = LogLevel.values();

    private static LogLine row(ResultSet rs, String text) throws SQLException {
        String problem = rs.getString(7);
        return new LogLine(rs.getLong(1), rs.getLong(2), rs.getInt(3) != 0, rs.getString(4), SOURCES[rs.getInt(5)], LEVELS[rs.getInt(6)],
                text, problem == null ? null : KnownProblems.byId(problem).orElse(null));
    }
}
