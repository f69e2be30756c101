package dev.orrery.provision;

import dev.orrery.task.Progress;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** Records steps and log lines; {@link #cancel()} makes {@link #cancelled()} true from then on. */
final class RecordingProgress implements Progress {
    final List<String> steps = new CopyOnWriteArrayList<>();
    final List<String> logs = new CopyOnWriteArrayList<>();
    final List<Double> fractions = new CopyOnWriteArrayList<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile String cancelAtStepStartingWith;

    @Override
    public void step(String name) {
        steps.add(name);
        String at = cancelAtStepStartingWith;
        if (at != null && name.startsWith(at)) {
            cancel();
        }
    }

    @Override
    public void fraction(double done) {
        fractions.add(done);
    }

    @Override
    public void log(String line) {
        logs.add(line);
    }

    @Override
    public boolean cancelled() {
        return cancelled.get();
    }

    void cancel() {
        cancelled.set(true);
    }

    /** The user presses cancel as the step whose name starts with {@code prefix} begins. */
    void cancelAtStep(String prefix) {
        cancelAtStepStartingWith = prefix;
    }
}
