package dev.orrery.health;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one health probe. Implementations must not block the calling thread for long (no
 * waiting on the network): they return a future that completes, never exceptionally, with the
 * result, within about {@code timeoutMs}.
 */
public interface Prober {
    CompletableFuture<ProbeResult> probe(URI target, int timeoutMs);
}
