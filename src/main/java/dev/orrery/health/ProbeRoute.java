package dev.orrery.health;

import dev.orrery.model.Server;

import java.io.IOException;
import java.net.URI;

/**
 * How probes reach an app server: straight to its internal address, or through the balancer
 * (SSH port forwarding) when the app servers sit on a private network Orrery cannot reach.
 * {@link #target} is called on the io pool, never on the scheduler, so a route may open a
 * forward there the first time.
 */
public interface ProbeRoute extends AutoCloseable {

    /** Says which route this is, for the window and the command line. */
    String describe();

    /** The URL to GET for this server's health path. */
    URI target(Server server, int appPort, String path) throws IOException;

    /** The server left the cluster: drop anything kept for it (a forward). */
    default void forget(Server server) {
    }

    @Override
    default void close() {
    }
}
