package dev.orrery.deploy;

import dev.orrery.model.Cluster;

import java.io.IOException;

/** Where the rollout records each server's release as it goes: the cluster file, in the app. */
@FunctionalInterface
public interface ClusterSink {
    void save(Cluster cluster) throws IOException;
}
