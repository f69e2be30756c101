package dev.orrery.ui.ssh;

import javafx.application.Platform;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Asks the user something from an engine thread: the question is shown on the FX thread, the
 * asking thread waits for the answer. The FX thread itself never waits — asking from it is a bug
 * and is refused at once, since it would freeze the window.
 */
final class FxAsk {
    private FxAsk() {
    }

    /**
     * @param show builds and shows the dialog on the FX thread and completes the future when answered
     * @param otherwise the answer when the wait is interrupted (the job was stopped)
     */
    static <T> T ask(Consumer<CompletableFuture<T>> show, T otherwise) {
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("an SSH prompt was asked on the FX thread; connect on the engine's io pool");
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                show.accept(answer);
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return otherwise;
        } catch (ExecutionException | CancellationException e) {
            return otherwise;
        }
    }
}
