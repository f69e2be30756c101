package dev.orrery.ui.adopt;

import dev.orrery.engine.Engine;
import dev.orrery.engine.Job;
import dev.orrery.ui.main.Background;
import javafx.application.Platform;

import java.util.function.Consumer;

/** Runs an engine job and hands its result or failure to the FX thread: the window never waits on the network. */
final class JobRunner {
    private JobRunner() {
    }

    static <T> void run(Engine engine, Job<T> job, Consumer<T> onDone, Consumer<Throwable> onError) {
        engine.submit(job).result().whenComplete((value, error) -> Platform.runLater(() -> {
            if (error != null) {
                onError.accept(Background.unwrap(error));
            } else {
                onDone.accept(value);
            }
        }));
    }
}
