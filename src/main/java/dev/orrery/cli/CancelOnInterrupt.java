package dev.orrery.cli;

import dev.orrery.engine.JobHandle;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C during a cloud job asks the jobs to cancel and waits (bounded) for them to undo what
 * they made, instead of the process dying with a droplet half made.
 */
final class CancelOnInterrupt implements AutoCloseable {
    private final Thread hook;

    CancelOnInterrupt(List<? extends JobHandle<?>> jobs, java.io.PrintStream err) {
        hook = new Thread(() -> {
            err.println("orrery: cancelling; undoing what was made (up to 3 minutes)…");
            jobs.forEach(JobHandle::cancel);
            for (JobHandle<?> j : jobs) {
                try {
                    j.result().handle((v, e) -> null).get(3, TimeUnit.MINUTES);
                } catch (Exception ignored) {
                    // the process is ending; what could be undone was
                }
            }
        }, "orrery-cancel-on-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // already shutting down: the hook runs
        }
    }
}
