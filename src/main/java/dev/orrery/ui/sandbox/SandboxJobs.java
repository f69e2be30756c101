package dev.orrery.ui.sandbox;

import dev.orrery.engine.Engine;
import dev.orrery.engine.JobHandle;
import dev.orrery.engine.SandboxJob;
import dev.orrery.ui.main.MainWindow;
import javafx.application.Platform;

import java.util.function.Consumer;

/**
 * Runs the sandbox's jobs from the window: each goes to the engine (its steps show on the nodes,
 * the deploy panel and the status bar); its end is said in the status bar and handed back on the
 * FX thread. Remembers the job running now for the shutdown hook.
 */
final class SandboxJobs {

    private final Engine engine;
    private final MainWindow window;
    /** The sandbox job running now, if any (for the shutdown hook). */
    private volatile JobHandle<?> current;

    SandboxJobs(Engine engine, MainWindow window) {
        this.engine = engine;
        this.window = window;
    }

    JobHandle<?> current() {
        return current;
    }

    /** Runs {@code job}, then {@code onDone}; a failure shows in a dialog. */
    void run(SandboxJob<?> job, Consumer<Object> onDone) {
        run(job, onDone, error -> window.showError(job.title() + " failed", error));
    }

    /** Runs {@code job}, then {@code onDone} or {@code onError} (the reason) on the FX thread. */
    void run(SandboxJob<?> job, Consumer<Object> onDone, Consumer<String> onError) {
        JobHandle<?> handle = engine.submit(job);
        current = handle;
        handle.result().whenComplete((result, error) -> Platform.runLater(() -> {
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                window.document().say(job.title() + " failed: " + cause.getMessage());
                onError.accept(String.valueOf(cause.getMessage()));
            } else {
                window.document().say(job.title() + ": done");
                onDone.accept(result);
            }
        }));
    }
}
