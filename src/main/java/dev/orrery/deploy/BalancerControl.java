package dev.orrery.deploy;

import dev.orrery.model.Server;
import dev.orrery.task.Progress;

import java.time.Duration;

/** Takes an app server out of the balancer's rotation and puts it back. */
public interface BalancerControl {

    String describe();

    /** Stops sending new requests to the server. */
    void drain(Server server, Progress progress) throws Exception;

    /**
     * Waits, at most {@code max}, until the balancer has no request in flight to the server, and
     * says what it saw (e.g. "0 open sessions after 1.2 s"), or what was still open at the limit.
     */
    String awaitIdle(Server server, Duration max, Progress progress) throws Exception;

    /**
     * True when this balancer learns a server is gone only from refused connections (stock
     * nginx): the rollout then closes the app's port to new connections before stopping it (see
     * {@link ConnectionGate}).
     */
    default boolean refusesConnectionsToDrain() {
        return false;
    }

    /**
     * The addresses of the clients connected to the balancer now (one per connection), for
     * choosing the rollout order from the balancer's hashing ({@link HashAwareOrder}); null when
     * this balancer control cannot say.
     */
    default java.util.List<String> clientAddresses() throws Exception {
        return null;
    }

    /** Sends requests to the server again. */
    void undrain(Server server, Progress progress) throws Exception;
}
