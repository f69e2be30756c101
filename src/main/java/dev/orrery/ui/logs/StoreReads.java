package dev.orrery.ui.logs;

import javafx.application.Platform;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The Logs tab's reads from the store, run on {@code background}; only the newest one's result
 * is shown (a slow read that was overtaken is dropped). While one runs, new lines wait for it
 * ({@link #reading}). Called on the FX thread; results come back on it.
 */
final class StoreReads {
    private final Executor background;
    /** Bumped on every read and when the tab lets go of its cluster. */
    private long generation;
    private boolean reading;

    StoreReads(Executor background) {
        this.background = background;
    }

    /** True while the newest read has not come back. */
    boolean reading() {
        return reading;
    }

    /** Drops whatever read is under way: its result will not be shown. */
    void drop() {
        generation++;
    }

    /**
     * Runs {@code read} in the background, then {@code shown} with its result on the FX thread,
     * or {@code failed} with what went wrong; neither when another read started meanwhile.
     */
    <T> void run(Callable<T> read, Consumer<T> shown, Consumer<Exception> failed) {
        long gen = ++generation;
        reading = true;
        background.execute(() -> {
            try {
                T result = read.call();
                Platform.runLater(() -> {
                    if (gen == generation) {
                        reading = false;
                        shown.accept(result);
                    }
                });
            } catch (Exception e) {
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
