package dev.orrery.remote;

import dev.orrery.model.Server;

/** Gives jobs the {@link Host} for a server of the cluster: one shared connection per server. */
@FunctionalInterface
public interface HostResolver {
    Host hostFor(Server server);
}
