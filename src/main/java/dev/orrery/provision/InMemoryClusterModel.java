package dev.orrery.provision;

import dev.orrery.model.Cluster;

import java.util.function.UnaryOperator;

/** A cluster held in memory; the window's view model wraps one and saves it. */
public final class InMemoryClusterModel implements ClusterModel {
    private Cluster cluster;

    public InMemoryClusterModel(Cluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public synchronized Cluster current() {
        return cluster;
    }

    @Override
    public synchronized Cluster update(UnaryOperator<Cluster> change) {
        cluster = change.apply(cluster);
        return cluster;
    }
}
