package dev.orrery.ui.main;

import javafx.application.Platform;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The UI's one door to blocking work. Disk and network calls run on the Engine's io pool; their
 * results come back to the FX thread through {@link Platform#runLater}, so the FX thread never
 * waits on the disk. Writes go through {@link #inOrder} so two saves can never land out of order.
 */
public final class Background {
    private final Executor io;
    private CompletableFuture<?> lane = CompletableFuture.completedFuture(null);

    public Background(Executor io) {
        this.io = io;
    }

    /** Runs {@code work} off the FX thread, then {@code onDone} or {@code onError} on it. */
    public <T> CompletableFuture<T> run(Callable<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
        CompletableFuture<T> f = CompletableFuture.supplyAsync(() -> call(work), io);
        deliver(f, onDone, onError);
        return f;
    }

    /**
     * Like {@link #run}, but after every earlier {@code inOrder} task has finished (whatever its
     * outcome): the lane for writes to the same files. Call it from the FX thread only.
     */
    public synchronized <T> CompletableFuture<T> inOrder(Callable<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
        CompletableFuture<T> f = lane.handle((v, e) -> null).thenApplyAsync(v -> call(work), io);
        lane = f;
        deliver(f, onDone, onError);
        return f;
    }

    /** Completes once every write queued so far has finished. */
    public synchronized CompletableFuture<Void> idle() {
        return lane.handle((v, e) -> null);
    }

    private static <T> void deliver(CompletableFuture<T> f, Consumer<T> onDone, Consumer<Throwable> onError) {
        f.whenComplete((value, error) -> Platform.runLater(() -> {
            if (error == null) {
                onDone.accept(value);
            } else {
                onError.accept(unwrap(error));
            }
        }));
    }

    private static <T> T call(Callable<T> work) {
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    public static Throwable unwrap(Throwable e) {
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
