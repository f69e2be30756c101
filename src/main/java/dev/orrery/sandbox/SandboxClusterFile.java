package dev.orrery.sandbox;

import dev.orrery.deploy.ClusterSink;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.store.ClusterFile;
import dev.orrery.store.ClusterStore;
import dev.orrery.store.PrivateFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The sandbox's cluster file: read, written whole or changed record by record by a rollout, and
 * every cluster written told to the observer right after it is on disk.
 */
final class SandboxClusterFile implements ClusterSink {

    private final SandboxPaths paths;
    private volatile ClusterSink.Saver onSaved = c -> { };

    SandboxClusterFile(SandboxPaths paths) {
        this.paths = paths;
    }

    boolean exists() {
        return Files.exists(paths.clusterFile());
    }

    Cluster load() throws Exception {
        return ClusterStore.load(paths.clusterFile());
    }

    void save(Cluster cluster) throws IOException {
        PrivateFiles.createDirectories(paths.root());
        ClusterStore.save(paths.clusterFile(), cluster);
        onSaved.save(cluster);
    }

    /** The saved cluster's app server called {@code name}; refused, naming the ones there are, when there is none. */
    Server appServer(String name) throws Exception {
        Cluster c = load();
        List<String> names = new ArrayList<>();
        for (Server s : c.appServers()) {
            if (s.name().equals(name)) {
                return s;
            }
            names.add(s.name());
        }
        throw new IllegalArgumentException("the sandbox has no app server " + name + " (it has " + String.join(", ", names) + ")");
    }

    /** Each record is applied to the file as it is now, then shown, like every other save. */
    @Override
    public Cluster update(Cluster base, UnaryOperator<Cluster> change) throws IOException {
        Cluster next = ClusterFile.update(paths.clusterFile(), change);
        onSaved.save(next);
        return next;
    }

    void setOnSaved(ClusterSink.Saver observer) {
        this.onSaved = observer == null ? c -> { } : observer;
    }
}
