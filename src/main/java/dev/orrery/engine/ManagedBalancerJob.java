package dev.orrery.engine;

import dev.orrery.cloud.DigitalOceanClient;
import dev.orrery.cloud.LoadBalancer;
import dev.orrery.engine.state.JobKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.ManagedBalancer;
import dev.orrery.proxy.managed.ManagedBalancerPush;
import dev.orrery.task.Progress;

import java.util.function.Supplier;

/**
 * The balancer push for a DigitalOcean Load Balancer, as a job: tag the app droplets, then create
 * the balancer or replace its settings through the API ({@link ManagedBalancerPush}). The result
 * is the balancer as DigitalOcean reports it (its status and, once active, its address).
 */
public final class ManagedBalancerJob implements Job<LoadBalancer> {
    private final Cluster cluster;
    private final Supplier<DigitalOceanClient> cloud;

    public ManagedBalancerJob(Cluster cluster, Supplier<DigitalOceanClient> cloud) {
        if (!cluster.balancer().managedKind()) {
            throw new IllegalArgumentException(cluster.name() + "'s balancer is " + cluster.balancer().kind().label()
                    + ": push its configuration to the balancer droplet instead");
        }
        this.cluster = cluster;
        this.cloud = cloud;
    }

    @Override
    public String title() {
        return "Set up the DigitalOcean Load Balancer " + ManagedBalancer.nameFor(cluster.name());
    }

    @Override
    public String cluster() {
        return cluster.name();
    }

    @Override
    public JobKind kind() {
        return JobKind.PUSH;
    }

    @Override
    public LoadBalancer run(Progress progress) {
        DigitalOceanClient client = cloud.get();
        return new ManagedBalancerPush(client.loadBalancers(), client.tags()).push(cluster, progress);
    }
}
