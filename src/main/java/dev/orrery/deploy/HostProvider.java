package dev.orrery.deploy;

import dev.orrery.model.Server;
import dev.orrery.remote.Host;
import dev.orrery.remote.RemoteException;

/** Opens a connection to a server (SSH in the app; fakes in tests) and gives it back when the rollout ends. */
@FunctionalInterface
public interface HostProvider {
    Host open(Server server) throws RemoteException;

    /** The rollout is done with the host: closes it, unless a pool owns it. */
    default void release(Host host) {
        host.close();
    }

    /** Hosts from a shared pool (one connection per server that other jobs reuse): never closed here. */
    static HostProvider pooled(java.util.function.Function<Server, ? extends Host> pool) {
        return new HostProvider() {
            @Override
            public Host open(Server server) {
                return pool.apply(server);
            }

            @Override
            public void release(Host host) {
                // the pool closes its hosts when idle
            }
        };
    }
}
