package dev.orrery.cli;

import dev.orrery.model.Cluster;
import dev.orrery.store.ClusterFileException;
import dev.orrery.store.ClusterStore;

import java.nio.file.Path;

/** Reads the CLUSTER.json argument most commands take first. */
final class ClusterArg {
    static final String LABEL = "CLUSTER.json";
    static final String DESCRIPTION = "the cluster file";

    private ClusterArg() {
    }

    static Cluster load(Path file) throws ClusterFileException {
        return ClusterStore.load(file);
    }
}
