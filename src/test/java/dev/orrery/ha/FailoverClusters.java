package dev.orrery.ha;

import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Failover;
import dev.orrery.model.Role;
import dev.orrery.model.Server;

import java.util.List;
import java.util.Map;

/** A cluster with two failover balancers and two app servers, on documentation addresses. */
final class FailoverClusters {

    private FailoverClusters() {
    }

    static Server balancer(String name, String pub, String priv, String dropletId) {
        return Server.of(name, Role.BALANCER, pub).withAddresses(pub, priv).withProvider("digitalocean", dropletId, "nyc3", "s-1vcpu-1gb");
    }

    static Cluster crater(BalancerKind kind, String networkInterface) {
        Balancer b = Balancer.defaults().withKind(kind).withFailover(new Failover("203.0.113.10", 51, networkInterface));
        return new Cluster("crater", new AppSpec("crater", 3000, Map.of(), null), b, List.of(
                balancer("lb-1", "198.51.100.2", "10.0.1.2", "3164444"),
                balancer("lb-2", "198.51.100.3", "10.0.1.3", "3164445"),
                Server.of("app-1", Role.APP, "10.0.1.11"),
                Server.of("app-2", Role.APP, "10.0.1.12")));
    }
}
