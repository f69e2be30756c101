package dev.orrery.logs;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Stops a regex search from another thread, promptly, even in the middle of one long
 * {@code Matcher.find} (a regex that backtracks catastrophically can spend years in one): the
 * search matches through {@link #watch}, whose {@code charAt} throws a
 * {@link CancellationException} once {@link #cancel} was called. A regex cannot run without
 * reading characters, so it stops at its next one.
 *
 * <pre>{@code
 * SearchCancel cancel = new SearchCancel();
 * io.execute(() -> queries.search(cluster, filter, regex, 500, cancel)); // throws CancellationException once cancelled
 * cancel.cancel(); // a new search, the tab closed, Ctrl-C
 * }</pre>
 */
public final class SearchCancel {
    private volatile boolean cancelled;
    private final List<Runnable> onCancel = new CopyOnWriteArrayList<>();

    /** Stops the search at its next character read; later calls do nothing. */
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            onCancel.forEach(Runnable::run);
        }
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** Runs {@code r} on {@link #cancel} (at once when already cancelled): to stop what the search waits for. */
    void onCancel(Runnable r) {
        onCancel.add(r);
        if (cancelled) {
            r.run();
        }
    }

    /** Throws when cancelled: between the steps of a search. */
    void check() {
        if (cancelled) {
            throw new CancellationException("the search was cancelled");
        }
    }

    /** {@code text} for a matcher: reading a character after {@link #cancel} throws {@link CancellationException}. */
    CharSequence watch(String text) {
        return new Watched(text, this);
    }

    /** Whether {@code regex} finds a match in {@code text}; throws {@link CancellationException} once cancelled. */
    public boolean finds(Pattern regex, String text) {
        check();
        return regex.matcher(watch(text)).find();
    }

    /** A text whose every character read first checks the cancel flag (a volatile read: one load on x86). */
    private static final class Watched extends CheckedText {
        private final SearchCancel cancel;

        Watched(String text, SearchCancel cancel) {
            super(text);
            this.cancel = cancel;
        }

        @Override
        protected void beforeRead() {
            if (cancel.cancelled) {
                throw new CancellationException("the search was cancelled");
            }
        }
    }
}
