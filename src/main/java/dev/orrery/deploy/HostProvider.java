package dev.orrery.deploy;

import dev.orrery.model.Server;
import dev.orrery.remote.Host;
import dev.orrery.remote.RemoteException;

/** Opens a connection to a server (SSH in the app; fakes in tests). The rollout closes what it opens. */
@FunctionalInterface
public interface HostProvider {
    Host open(Server server) throws RemoteException;
}
