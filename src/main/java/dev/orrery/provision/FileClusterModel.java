package dev.orrery.provision;

import dev.orrery.model.Cluster;
import dev.orrery.store.ClusterFileException;
import dev.orrery.store.ClusterStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** A cluster file: every update is validated and written atomically before it counts. */
public final class FileClusterModel implements ClusterModel {
    private final Path file;
    private Cluster cluster;

    public FileClusterModel(Path file) throws IOException, ClusterFileException {
        this.file = file;
        this.cluster = ClusterStore.load(file);
    }

    @Override
    public synchronized Cluster current() {
        return cluster;
    }

    @Override
    public synchronized Cluster update(UnaryOperator<Cluster> change) {
        Cluster next = change.apply(cluster);
        try {
            ClusterStore.save(file, next);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save " + file + ": " + e.getMessage(), e);
        }
        cluster = next;
        return next;
    }
}
