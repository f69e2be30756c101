package dev.orrery.logs;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;

/**
 * One search's regex work over the chunks of rows the store hands over, newest chunk first.
 *
 * <p>A chunk comes packed in two strings, the rows' ids (decimal, comma separated) and their
 * texts (separated by RS, the ASCII record separator, a character log text does not hold in
 * practice): one call into Java for thousands of rows, decoded once, each text matched where it
 * lies. SQLite builds each with one {@code group_concat}, copying a text once (joining
 * {@code id || US || text || RS} per row first copied it three more times). A text that does
 * hold a separator breaks the packing; the chunk's rows are then read one by one instead
 * ({@link Loose}), so the answer never depends on it.
 *
 * <p>With an executor, up to {@code inFlight} chunks are matched at once on it while the
 * caller's thread reads the next chunk from SQLite (the two halves of a search cost about the
 * same). Results are merged in chunk order, newest first, so the hits are exactly a one-thread
 * scan's: the newest {@code limit + 1}. Once that many are in, the rest stop.
 */
final class RegexScan {
    static final char RECORD = 0x1E;

    /** Reads the rows with ids in {@code [low, high]} the search's filters pass, one by one. */
    @FunctionalInterface
    interface Loose {
        List<Row> rows(long low, long high) throws SQLException;
    }

    record Row(long id, String text) {
    }

    private record Pending(FutureTask<long[]> hits, int rows, long low, long high) {
    }

    private final Pattern regex;
    private final boolean[] start;
    private final int limit;
    private final Executor workers;
    private final int inFlight;
    private final Loose loose;
    private final SearchCancel cancel;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final List<Long> hits = new ArrayList<>();
    private long scanned;
    private volatile boolean stop;

    /**
     * {@code workers} null: every chunk is matched on the caller's thread as it comes. Once
     * {@code cancel} is cancelled, every call throws {@link java.util.concurrent.CancellationException}
     * and the chunks being matched stop at their next character.
     */
    RegexScan(Pattern regex, int limit, Executor workers, int inFlight, Loose loose, SearchCancel cancel) {
        this.regex = regex;
        this.start = StartChars.of(regex);
        this.limit = limit;
        this.workers = workers;
        this.inFlight = Math.max(1, inFlight);
        this.loose = loose;
        this.cancel = cancel;
    }

    /** True once the newest {@code limit + 1} matches are in: no need to read older rows. */
    boolean enough() {
        return hits.size() > limit;
    }

    /** Rows the regex was run on (in the chunks merged). */
    long scanned() {
        return scanned;
    }

    /**
     * A chunk of {@code rows} rows with ids in {@code [low, high]}: their ids in decimal, comma
     * separated, and their texts, RS separated, UTF-8, in the same order.
     */
    void add(byte[] ids, byte[] texts, int rows, long low, long high) throws SQLException {
        cancel.check();
        FutureTask<long[]> task = new FutureTask<>(() -> match(ids, texts, rows));
        Pending p = new Pending(task, rows, low, high);
        if (workers == null) {
            task.run();
        } else {
            try {
                workers.execute(task);
            } catch (RejectedExecutionException shutDown) {
                task.run();
            }
        }
        pending.add(p);
        while (!pending.isEmpty() && (pending.peek().hits().isDone() || pending.size() > inFlight)) {
            merge(pending.poll());
        }
    }

    /** Waits for the chunks still being matched; the ids found, newest first, at most {@code limit + 1}. */
    List<Long> finish() throws SQLException {
        while (!pending.isEmpty()) {
            merge(pending.poll());
        }
        return hits;
    }

    private void merge(Pending p) throws SQLException {
        long[] found;
        try {
            found = p.hits().get();
        } catch (InterruptedException e) {
            stop = true;
            Thread.currentThread().interrupt();
            throw new SQLException("the search was interrupted", e);
        } catch (ExecutionException e) {
            stop = true;
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new SQLException("the search failed: " + e.getCause(), e.getCause());
        }
        if (enough()) {
            return; // an older chunk matched on speculation: its hits are not wanted
        }
        cancel.check();
        if (found == null) {
            found = matchLoose(loose.rows(p.low(), p.high()));
        }
        scanned += p.rows();
        for (long id : found) {
            hits.add(id);
            if (enough()) {
                stop = true;
                return;
            }
        }
    }

    /** The ids of the chunk's matching rows, newest first; null when a text broke the packing. */
    private long[] match(byte[] ids, byte[] texts, int rows) {
        if (stop) {
            return new long[0];
        }
        if (start != null) {
            return matchBytes(ids, texts, rows);
        }
        String s = new String(texts, StandardCharsets.UTF_8);
        RowMatcher m = new RowMatcher(regex, start);
        m.reset(cancel.watch(s));
        Found found = new Found();
        int seen = 0;
        int at = 0;
        Ids idsRead = new Ids(ids);
        while (seen < rows) {
            if (at > s.length()) {
                return null; // fewer texts than rows
            }
            int end = s.indexOf(RECORD, at);
            if (end < 0) {
                end = s.length();
            }
            long id = idsRead.next();
            if (id < 0) {
                return null;
            }
            seen++;
            if (stop) {
                return new long[0];
            }
            cancel.check();
            // the matcher reads the watched text (a cancel stops it inside find); the start-character
            // scan, bounded by the row, reads the string itself, at full speed
            if (m.finds(s, at, end)) {
                found.add(id);
            }
            at = end + 1;
        }
        // a text holding the separator would have left texts over (or split one row in two)
        return at == s.length() + 1 && idsRead.done() ? newestFirst(found.ids, found.n) : null;
    }

    /**
     * {@link #match} for a regex with start characters, on the UTF-8 bytes: a row none of whose
     * bytes can start a match (an ASCII start character, or any byte of a character beyond ASCII)
     * is passed over without being decoded; only the others are decoded and matched, each alone.
     * In a full scan for a rare start most rows are passed over.
     */
    private long[] matchBytes(byte[] ids, byte[] texts, int rows) {
        RowMatcher m = new RowMatcher(regex, start);
        boolean[] can = start;
        Found found = new Found();
        int seen = 0;
        int at = 0;
        Ids idsRead = new Ids(ids);
        while (seen < rows) {
            if (at > texts.length) {
                return null; // fewer texts than rows
            }
            int end = at;
            boolean candidate = false;
            for (; end < texts.length && texts[end] != RECORD; end++) {
                byte b = texts[end];
                candidate |= b < 0 || can[b];
            }
            long id = idsRead.next();
            if (id < 0) {
                return null;
            }
            seen++;
            if (stop) {
                return new long[0];
            }
            cancel.check();
            if (candidate) {
                String text = new String(texts, at, end - at, StandardCharsets.UTF_8);
                m.reset(cancel.watch(text));
                if (m.finds(text, 0, text.length())) {
                    found.add(id);
                }
            }
            at = end + 1;
        }
        // a text holding the separator would have left texts over (or split one row in two)
        return at == texts.length + 1 && idsRead.done() ? newestFirst(found.ids, found.n) : null;
    }

    /** The packed ids, read one by one: each a decimal number ended by a comma. */
    private static final class Ids {
        private final byte[] ids;
        private int at;

        Ids(byte[] ids) {
            this.ids = ids;
        }

        /** The next id, or -1 when the packing is broken (no digits, or not a digit). */
        long next() {
            long id = 0;
            int digits = 0;
            for (; at < ids.length && ids[at] != ','; at++, digits++) {
                int d = ids[at] - '0';
                if (d < 0 || d > 9) {
                    return -1;
                }
                id = id * 10 + d;
            }
            at++;
            return digits == 0 ? -1 : id;
        }

        boolean done() {
            return at >= ids.length;
        }
    }

    /** The ids a chunk's scan found, in the order found. */
    private static final class Found {
        long[] ids = new long[16];
        int n;

        void add(long id) {
            if (n == ids.length) {
                ids = Arrays.copyOf(ids, n * 2);
            }
            ids[n++] = id;
        }
    }

    private long[] matchLoose(List<Row> rows) {
        RowMatcher m = new RowMatcher(regex, start);
        long[] out = new long[rows.size()];
        int n = 0;
        for (Row r : rows) {
            cancel.check();
            m.reset(cancel.watch(r.text()));
            if (m.finds(r.text(), 0, r.text().length())) {
                out[n++] = r.id();
            }
        }
        return newestFirst(out, n);
    }

    private static long[] newestFirst(long[] ids, int n) {
        long[] out = Arrays.copyOf(ids, n);
        Arrays.sort(out);
        for (int i = 0, j = n - 1; i < j; i++, j--) {
            long t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }
}
