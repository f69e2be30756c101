package dev.orrery.health;

import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;
import dev.orrery.remote.SshConnector;
import dev.orrery.remote.SshTarget;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Which servers Orrery's probes watch and by which route: written once, for the window and the
 * command line alike.
 */
public final class HealthTargets {

    /** How probes reach the app servers: chosen by {@link RouteChooser}, or forced. */
    public enum Route {
        AUTO, DIRECT, BALANCER;

        public static Route parse(String word) {
            return valueOf(word.toUpperCase(Locale.ROOT));
        }
    }

    /** A monitor for a cluster, and what its route choice said (completes once chosen). */
    public record Monitored(HealthMonitor monitor, CompletableFuture<String> route) {
    }

    private HealthTargets() {
    }

    /** The app servers the probes watch: those with an address that are not provisioning or failed. */
    public static List<Server> probed(Cluster c) {
        return c.appServers().stream().filter(HealthTargets::isProbed).toList();
    }

    /** True for a server the probes watch (see {@link #probed}). */
    public static boolean isProbed(Server s) {
        return s.role() == dev.orrery.model.Role.APP && s.publicAddress() != null && !s.publicAddress().isEmpty()
                && s.state() != ServerState.FAILED && s.state() != ServerState.PROVISIONING;
    }

    /**
     * The route through the cluster's balancer, or null without a balancer server: for a failover
     * pair through either balancer, the first (which normally holds the reserved IP) while it can
     * be reached, else the other ({@link EitherBalancerRoute}), so a failover does not make every
     * app server look down.
     *
     * @param forward the route through one balancer
     */
    public static Supplier<ProbeRoute> throughBalancers(Cluster c, Function<Server, ProbeRoute> forward) {
        List<Server> lbs = c.balancerServers();
        if (lbs.isEmpty()) {
            return null;
        }
        if (lbs.size() == 1) {
            return () -> forward.apply(lbs.get(0));
        }
        return () -> new EitherBalancerRoute(lbs.stream().map(forward).toList());
    }

    /**
     * A monitor for the cluster's {@link #probed} servers, not started. The route is chosen on
     * the io pool (probing takes up to a timeout): directly when the servers answer from here,
     * else through an SSH forward via the balancer (the usual case from a laptop).
     *
     * @param ssh the connector for the balancer's forward (the engine's wiring); null: direct only
     */
    public static Monitored monitor(Cluster c, ScheduledExecutorService scheduler, ExecutorService io,
                                    Supplier<SshConnector> ssh, Route route) {
        HealthMonitor m = HealthMonitor.create(c, scheduler, io);
        m.setServers(probed(c));
        HealthCheck hc = c.balancer().healthCheck();
        Supplier<ProbeRoute> forwarded = ssh == null ? null : throughBalancers(c, lb -> new ForwardedRoute(ssh.get(), SshTarget.of(lb), io));
        CompletableFuture<String> chosen = new CompletableFuture<>();
        switch (route) {
            case DIRECT -> chosen.complete(m.routeDescription());
            case BALANCER -> {
                if (forwarded == null) {
                    throw new IllegalArgumentException("cluster " + c.name() + " has no balancer server to probe through");
                }
                m.setRoute(forwarded.get());
                chosen.complete(m.routeDescription());
            }
            default -> {
                List<Server> apps = probed(c);
                io.execute(() -> {
                    try {
                        RouteChooser.Choice choice = RouteChooser.choose(apps, c.app().port(), hc.path(), hc.timeoutMs(),
                                new HttpProber(io, hc.timeoutMs()), forwarded);
                        m.setRoute(choice.route());
                        chosen.complete(choice.reason());
                    } catch (RuntimeException e) {
                        chosen.complete("direct (" + e.getMessage() + ")");
                    }
                });
            }
        }
        return new Monitored(m, chosen);
    }
}
