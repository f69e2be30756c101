package dev.orrery.lock;

import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;

import java.util.List;
import java.util.Optional;

/**
 * Which of the cluster's servers keep its lock: its balancers, which every workstation's cluster
 * file names and no operation removes — both of a failover pair, so the lock outlives either one;
 * a cluster without one keeps it on its first app server that is in service. Every workstation
 * picks the same servers, in the same order, from the same cluster.
 */
public final class LockSite {
    private LockSite() {
    }

    /** The first of {@link #all}. */
    public static Optional<Server> of(Cluster cluster) {
        return all(cluster).stream().findFirst();
    }

    /** Every server that keeps the lock, in the order it is taken: the balancers, or the first app server in service. */
    public static List<Server> all(Cluster cluster) {
        List<Server> lbs = cluster.balancerServers();
        if (!lbs.isEmpty()) {
            return lbs;
        }
        return cluster.appServers().stream()
                .filter(s -> s.state() != ServerState.PROVISIONING && s.state() != ServerState.FAILED)
                .limit(1).toList();
    }
}
