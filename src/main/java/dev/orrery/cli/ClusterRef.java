package dev.orrery.cli;

import dev.orrery.model.Cluster;
import dev.orrery.store.ClusterStore;
import dev.orrery.store.OrreryHome;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A cluster named on the command line: a cluster file's path, or the name of one in the data
 * folder ({@code clusters/NAME.json}; {@code sandbox} is the sandbox's own file).
 */
final class ClusterRef {
    private ClusterRef() {
    }

    static Path resolve(String ref, OrreryHome home) {
        Path asPath = Path.of(ref);
        if (ref.endsWith(".json") || Files.exists(asPath) || ref.contains("/")) {
            return asPath;
        }
        if (ref.equals(dev.orrery.sandbox.SandboxCluster.NAME)) {
            return dev.orrery.sandbox.SandboxPaths.of(home).clusterFile();
        }
        return home.clustersDir().resolve(ref + ".json");
    }

    static Cluster load(String ref, OrreryHome home) throws Exception {
        Path file = resolve(ref, home);
        if (!Files.exists(file)) {
            throw new java.io.FileNotFoundException("no cluster '" + ref + "': " + file + " does not exist");
        }
        return ClusterStore.load(file);
    }
}
