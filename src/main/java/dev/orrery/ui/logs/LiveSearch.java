package dev.orrery.ui.logs;

import dev.orrery.logs.LogLine;
import dev.orrery.logs.SearchCancel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Matches the lines that come while a search is shown against its regex, off the FX thread: a
 * regex that backtracks without end on one line (e.g. {@code (.*a){8}x} over a long run of a's)
 * stalls only this matcher, never the window, and a new search or closing the tab stops it at
 * once ({@link SearchCancel}). One batch is matched at a time, in arrival order, so the lines
 * that pass reach the list in order. While a match is stuck, at most {@link #WAITING} lines wait;
 * older ones stay in the store (a search reads them there), as with any line the tab no longer
 * holds.
 */
final class LiveSearch {
    /** Lines waiting to be matched at most: the tab shows no more than this anyway. */
    static final int WAITING = ShownLines.MAX;

    private final Executor background;
    private final Executor fx;
    private final Deque<LogLine> waiting = new ArrayDeque<>();
    private Pattern pattern;
    private SearchCancel cancel = new SearchCancel();
    private Consumer<List<LogLine>> passed = l -> { };
    private boolean running;

    /**
     * @param background where the matching runs
     * @param fx         where the lines that passed are handed over (the FX thread)
     */
    LiveSearch(Executor background, Executor fx) {
        this.background = background;
        this.fx = fx;
    }

    /** From now on matches against {@code p} (null: no search) and hands what passes to {@code to}; a match under way stops. */
    synchronized void restart(Pattern p, Consumer<List<LogLine>> to) {
        cancel.cancel();
        cancel = new SearchCancel();
        waiting.clear();
        pattern = p;
        passed = to;
    }

    /** Stops matching; nothing more is handed over. */
    void stop() {
        restart(null, l -> { });
    }

    /** Queues {@code lines} for matching; returns at once. */
    synchronized void submit(List<LogLine> lines) {
        if (pattern == null || lines.isEmpty()) {
            return;
        }
        waiting.addAll(lines);
        while (waiting.size() > WAITING) {
            waiting.removeFirst();
        }
        if (!running) {
            running = true;
            background.execute(this::work);
        }
    }

    /** True while a match runs or lines wait for one. */
    synchronized boolean busy() {
        return running;
    }

    private void work() {
        while (true) {
            List<LogLine> batch;
            Pattern p;
            SearchCancel c;
            Consumer<List<LogLine>> to;
            synchronized (this) {
                if (waiting.isEmpty() || pattern == null) {
                    running = false;
                    return;
                }
                batch = new ArrayList<>(waiting);
                waiting.clear();
                p = pattern;
                c = cancel;
                to = passed;
            }
            List<LogLine> found = new ArrayList<>();
            try {
                for (LogLine l : batch) {
                    if (c.finds(p, l.text())) {
                        found.add(l);
                    }
                }
            } catch (CancellationException e) {
                continue; // a new search: these lines were for the old one
            }
            if (!found.isEmpty()) {
                fx.execute(() -> {
                    synchronized (this) {
                        if (c != cancel) {
                            return; // the search changed while they travelled
                        }
                    }
                    to.accept(found);
                });
            }
        }
    }
}
