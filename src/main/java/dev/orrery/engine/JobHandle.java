package dev.orrery.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** A submitted job: its id and title, its result to come, and a way to ask it to stop. */
public final class JobHandle<T> {
    private final long id;
    private final String title;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final AtomicBoolean cancelRequested = new AtomicBoolean();

    JobHandle(long id, String title) {
        this.id = id;
        this.title = title;
    }

    public long id() {
        return id;
    }

    public String title() {
        return title;
    }

    public CompletableFuture<T> result() {
        return result;
    }

    /** Asks the job to stop at its next safe point; it finishes what it must to leave things whole. */
    public void cancel() {
        cancelRequested.set(true);
    }

    public boolean cancelRequested() {
        return cancelRequested.get();
    }
}
