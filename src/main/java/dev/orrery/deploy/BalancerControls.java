package dev.orrery.deploy;

import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.remote.Host;
import dev.orrery.task.Progress;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/** Picks how a cluster's servers leave and rejoin rotation during a rollout. */
public final class BalancerControls {
    private BalancerControls() {
    }

    /**
     * nginx (stock, as Orrery renders it): {@link PassiveDrain}, never a reload. HAProxy: its
     * runtime API — on both balancers of a cluster with failover. No balancer server: nothing to drain (said in the log).
     */
    public static BalancerControl forCluster(Cluster cluster, Function<Server, ? extends Host> hosts) {
        if (cluster.balancer().managedKind()) {
            throw new IllegalStateException(cluster.name() + "'s balancer is a DigitalOcean Load Balancer: draining a server"
                    + " needs the DigitalOcean API (a token), which this deploy was not given");
        }
        Optional<Server> lb = cluster.balancerServer();
        if (lb.isEmpty()) {
            return NONE;
        }
        if (cluster.balancer().kind() == BalancerKind.HAPROXY) {
            if (cluster.balancerServers().size() > 1) { // failover: either balancer may hold the reserved IP
                return new EveryBalancer(cluster.balancerServers().stream().<BalancerControl>map(b -> new HaproxyRuntimeDrain(hosts.apply(b),
                        BalancerLayout.droplet(BalancerKind.HAPROXY), cluster)).toList());
            }
            return new HaproxyRuntimeDrain(hosts.apply(lb.get()), BalancerLayout.droplet(BalancerKind.HAPROXY), cluster);
        }
        // only the servers in rotation count towards those nginx keeps sending to
        int inRotation = (int) cluster.appServers().stream().filter(s -> !cluster.balancer().isDrained(s.name())).count();
        return PassiveDrain.forOrreryNginx(inRotation)
                .readingClientsFrom(cluster.balancerServers().stream().map(hosts).toList(), cluster.balancer().httpPort(), cluster.balancer().httpsPort())
                .rememberingWindowsOf(cluster.name() + "/" + lb.get().name() + "@" + lb.get().internalAddress() + ":" + cluster.balancer().httpPort());
    }

    /**
     * As {@link #forCluster(Cluster, Function)}, and a DigitalOcean Load Balancer drains by tag
     * ({@link TagDrain}) through the API client {@code cloud} gives (asked only for that kind).
     */
    public static BalancerControl forCluster(Cluster cluster, Function<Server, ? extends Host> hosts,
                                             java.util.function.Supplier<dev.orrery.cloud.DigitalOceanClient> cloud) {
        if (cluster.balancer().managedKind()) {
            dev.orrery.cloud.DigitalOceanClient client = cloud.get();
            return new TagDrain(client.loadBalancers(), client.tags(), cluster, TAG_DRAIN_GRACE, dev.orrery.cloud.Sleeper.REAL,
                    java.time.Clock.systemUTC());
        }
        return forCluster(cluster, hosts);
    }

    /** After the balancer stops listing a droplet, how long its requests in flight get to finish. */
    public static final Duration TAG_DRAIN_GRACE = Duration.ofSeconds(10);

    public static final BalancerControl NONE = new BalancerControl() {
        @Override
        public String describe() {
            return "no balancer";
        }

        @Override
        public void drain(Server server, Progress progress) {
            progress.log(server.name() + ": the cluster has no balancer; its app is restarted in place");
        }

        @Override
        public String awaitIdle(Server server, Duration max, Progress progress) {
            return "no balancer: the app finishes its in-flight requests as it stops";
        }

        @Override
        public void undrain(Server server, Progress progress) {
        }
    };
}
