package dev.orrery.logs;

import dev.orrery.remote.RemoteException;

import java.util.concurrent.CompletableFuture;

/** Reads one server's logs until stopped; run again after a failure, it resumes where it stood. */
public interface SourceFollower {
    /** What it follows, for messages: paths or the unit. */
    String describe();

    /** Follows until {@code stop} completes or the source ends by itself (returns), or the connection fails (throws). */
    void runOnce(CompletableFuture<?> stop) throws RemoteException;
}
