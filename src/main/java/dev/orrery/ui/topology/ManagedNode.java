package dev.orrery.ui.topology;

import dev.orrery.model.Cluster;
import dev.orrery.model.ManagedBalancer;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A DigitalOcean Load Balancer is no droplet of the cluster file, but the topology draws it where
 * the balancer goes: a balancer node named as DigitalOcean knows it ({@code orrery-<cluster>}),
 * whose look comes from the live state's managed-balancer facts like any server's. Also says
 * which kind each balancer node is (nginx, HAProxy, managed).
 */
public final class ManagedNode {
    /** The provider word on the drawn node: DigitalOcean runs it, Orrery reaches it through the API only. */
    public static final String PROVIDER = "digitalocean-lb";

    private ManagedNode() {
    }

    /** The managed load balancer as a node, empty for a balancer on a droplet. */
    public static Optional<Server> of(Cluster c) {
        if (c == null || !c.balancer().managedKind()) {
            return Optional.empty();
        }
        String region = c.balancer().managed() == null ? null : c.balancer().managed().region();
        return Optional.of(new Server(ManagedBalancer.nameFor(c.name()), Role.BALANCER, "", "", "root", 22, null, PROVIDER, null, region,
                null, ServerState.READY, null));
    }

    /** True when {@code name} is the cluster's managed load balancer's node. */
    public static boolean is(Cluster c, String name) {
        return name != null && of(c).map(s -> s.name().equals(name)).orElse(false);
    }

    /** Every node drawn: the file's servers, with the managed load balancer first. */
    static List<Server> drawn(Cluster c) {
        List<Server> all = new ArrayList<>();
        of(c).ifPresent(all::add);
        all.addAll(c.servers());
        return all;
    }

    static List<String> balancerNames(Cluster c) {
        List<String> names = new ArrayList<>();
        of(c).ifPresent(s -> names.add(s.name()));
        c.byRole(Role.BALANCER).forEach(s -> names.add(s.name()));
        return names;
    }

    /** The balancer's kind as its node shows it: "DO LB", "nginx", "HAProxy" ("nginx pair" for a failover pair). */
    public static String kindText(Cluster c) {
        if (c.balancer().managedKind()) {
            return "DO LB";
        }
        return c.balancer().kind().label() + (c.balancer().failover() != null ? " pair" : "");
    }
}
