package dev.orrery.lock;

import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;

import java.util.Optional;

/**
 * Which of the cluster's servers keeps its lock: the balancer, which every workstation's cluster
 * file names and no operation removes; a cluster without one keeps it on its first app server
 * that is in service. Every workstation picks the same server from the same cluster.
 */
public final class LockSite {
    private LockSite() {
    }

    public static Optional<Server> of(Cluster cluster) {
        Optional<Server> lb = cluster.balancerServer();
        if (lb.isPresent()) {
            return lb;
        }
        return cluster.appServers().stream()
                .filter(s -> s.state() != ServerState.PROVISIONING && s.state() != ServerState.FAILED)
                .findFirst();
    }
}
