package dev.orrery.provision;

import dev.orrery.model.Cluster;

import java.util.function.UnaryOperator;

/**
 * Where a workflow records what it did to the cluster: a server appearing, its state, its
 * removal. The window keeps one in memory and saves it; the command line uses
 * {@link FileClusterModel}. Updates are atomic with respect to each other.
 */
public interface ClusterModel {

    Cluster current();

    /** Applies {@code change} to the current cluster and returns the result. */
    Cluster update(UnaryOperator<Cluster> change);
}
