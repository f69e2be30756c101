package dev.orrery.provision;

import dev.orrery.model.Cluster;
import dev.orrery.model.Server;

/** Finds a server of the cluster that the provider made, with a clear error when it is not one. */
final class ManagedServer {
    private ManagedServer() {
    }

    static Server require(Cluster cluster, String name, String provider) {
        Server s = cluster.server(name).orElseThrow(() -> new IllegalArgumentException(
                "the cluster " + cluster.name() + " has no server called " + name));
        if (!provider.equals(s.provider()) || s.dropletId() == null || s.dropletId().isBlank()) {
            throw new IllegalArgumentException(name + " is not a " + provider + " droplet Orrery knows the id of (provider "
                    + s.provider() + ")");
        }
        return s;
    }
}
