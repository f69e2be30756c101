package dev.orrery.engine;

import dev.orrery.cloud.DigitalOceanClient;
import dev.orrery.cloud.LoadBalancer;
import dev.orrery.engine.state.LiveClusterState;
import dev.orrery.model.Cluster;
import dev.orrery.model.ManagedBalancer;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Reads the cluster's DigitalOcean Load Balancer from the API ({@code GET /v2/load_balancers})
 * into its {@link LiveClusterState}, once or every so often on the engine's scheduler (never on
 * the window's thread). A failed call is shown as status {@code unknown} with the API's message.
 */
public final class ManagedBalancerWatch implements AutoCloseable {
    private final Cluster cluster;
    private final Supplier<DigitalOceanClient> cloud;
    private final LiveClusterState live;
    private volatile ScheduledFuture<?> task;

    public ManagedBalancerWatch(Cluster cluster, Supplier<DigitalOceanClient> cloud, LiveClusterState live) {
        this.cluster = cluster;
        this.cloud = cloud;
        this.live = live;
    }

    /** Asks the API once and records what it said; returns the balancer when there is one. */
    public Optional<LoadBalancer> refresh() {
        String name = ManagedBalancer.nameFor(cluster.name());
        try {
            Optional<LoadBalancer> lb = cloud.get().loadBalancers().findByName(name);
            if (lb.isEmpty()) {
                live.setManagedBalancer(name, "unknown", "the account has no load balancer named " + name
                        + " (orrery balancer managed-push creates it)");
            } else {
                LoadBalancer l = lb.get();
                live.setManagedBalancer(name, l.status(), l.ip(), (l.ip().isEmpty() ? "no address yet" : l.ip()) + " · "
                        + l.dropletIds().size() + " droplet(s) behind it");
            }
            return lb;
        } catch (RuntimeException e) {
            live.setManagedBalancer(name, "unknown", String.valueOf(e.getMessage()));
            return Optional.empty();
        }
    }

    public ManagedBalancerWatch every(ScheduledExecutorService scheduler, Duration period) {
        task = scheduler.scheduleWithFixedDelay(this::refresh, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public void close() {
        ScheduledFuture<?> t = task;
        if (t != null) {
            t.cancel(false);
        }
    }
}
