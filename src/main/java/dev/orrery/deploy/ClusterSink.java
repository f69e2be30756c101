package dev.orrery.deploy;

import dev.orrery.model.Cluster;

import java.io.IOException;
import java.util.function.UnaryOperator;

/**
 * Where the rollout records each server's release as it goes. The rollout hands over its change,
 * not a whole cluster: a file-backed sink applies it to what the file holds now
 * ({@code (base, change) -> ClusterFile.update(file, change)}), so an edit made during the deploy
 * is kept; an in-memory one applies it to {@code base}, the rollout's own view.
 */
@FunctionalInterface
public interface ClusterSink {

    /** Applies {@code change} and returns the cluster as recorded. */
    Cluster update(Cluster base, UnaryOperator<Cluster> change) throws IOException;

    /** Records whole clusters: the change is applied to the rollout's view and the result saved. */
    static ClusterSink of(Saver saver) {
        return (base, change) -> {
            Cluster next = change.apply(base);
            saver.save(next);
            return next;
        };
    }

    /** Saves a whole cluster. */
    @FunctionalInterface
    interface Saver {
        void save(Cluster cluster) throws IOException;
    }
}
