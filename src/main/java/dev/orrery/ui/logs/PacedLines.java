package dev.orrery.ui.logs;

import dev.orrery.logs.LogLine;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The lines the collector hands over, waiting for the Logs tab, which takes them at most once per
 * {@link #EVERY}. Each time the followed list moves, every row on screen is new and the software
 * renderer repaints the whole list (tens of ms a frame, longer than a pulse); taking lines with
 * every pulse kept the renderer busy without pause and the FX thread waiting for it. A line that
 * comes after a quiet spell is taken at once. {@link #add} runs on any thread, the rest on the FX
 * thread.
 */
final class PacedLines {
    static final java.time.Duration EVERY = java.time.Duration.ofMillis(100);

    private final ConcurrentLinkedQueue<LogLine> incoming = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean due = new AtomicBoolean();
    private final PauseTransition later = new PauseTransition();
    private final Runnable take;
    private long lastTaken = System.nanoTime() - EVERY.toNanos();

    /** @param take runs on the FX thread when lines are due; it calls {@link #poll} */
    PacedLines(Runnable take) {
        this.take = take;
        later.setOnFinished(e -> takeNow());
    }

    /** The collector's listener: queues {@code batch}. */
    final Consumer<List<LogLine>> add = batch -> {
        incoming.addAll(batch);
        if (due.compareAndSet(false, true)) {
            Platform.runLater(this::whenDue);
        }
    };

    /** All the lines waiting, oldest first. */
    List<LogLine> poll() {
        List<LogLine> batch = new ArrayList<>();
        for (LogLine l; (l = incoming.poll()) != null; ) {
            batch.add(l);
        }
        return batch;
    }

    void clear() {
        incoming.clear();
    }

    private void whenDue() {
        long wait = lastTaken + EVERY.toNanos() - System.nanoTime();
        if (wait <= 0) {
            takeNow();
            return;
        }
        later.setDuration(Duration.millis(wait / 1e6));
        later.playFromStart();
    }

    private void takeNow() {
        due.set(false);
        lastTaken = System.nanoTime();
        take.run();
    }
}
