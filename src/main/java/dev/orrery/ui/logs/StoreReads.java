package dev.orrery.ui.logs;

import dev.orrery.logs.SearchCancel;
import javafx.application.Platform;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The Logs tab's reads from the store, run on {@code background}; only the newest one's result
 * is shown (a slow read that was overtaken is dropped, and a search it runs is cancelled: a
 * regex that backtracks without end does not keep a thread busy). While one runs, new lines wait
 * for it ({@link #reading}). Called on the FX thread; results come back on it.
 */
final class StoreReads {
    /** A read; a search in it stops once {@code cancel} is cancelled. */
    @FunctionalInterface
    interface Read<T> {
        T read(SearchCancel cancel) throws Exception;
    }

    private final Executor background;
    /** Bumped on every read and when the tab lets go of its cluster. */
    private long generation;
    private boolean reading;
    private SearchCancel current = new SearchCancel();

    StoreReads(Executor background) {
        this.background = background;
    }

    /** True while the newest read has not come back. */
    boolean reading() {
        return reading;
    }

    /** Drops whatever read is under way: its result will not be shown, its search stops. */
    void drop() {
        generation++;
        current.cancel();
    }

    /**
     * Runs {@code read} in the background, then {@code shown} with its result on the FX thread,
     * or {@code failed} with what went wrong; neither when another read started meanwhile.
     */
    <T> void run(Read<T> read, Consumer<T> shown, Consumer<Exception> failed) {
        drop();
        long gen = generation;
        SearchCancel cancel = new SearchCancel();
        current = cancel;
        reading = true;
        background.execute(() -> {
            try {
                T result = read.read(cancel);
                Platform.runLater(() -> {
                    if (gen == generation) {
                        reading = false;
                        shown.accept(result);
                    }
                });
            } catch (Exception e) { // a cancelled search too: its generation is past, it is dropped
                Platform.runLater(() -> {
                    if (gen == generation) {
                        reading = false;
                        failed.accept(e);
                    }
                });
            }
        });
    }
}
