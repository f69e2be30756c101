package dev.orrery.cli;

import dev.orrery.model.Cluster;
import dev.orrery.model.Rules;
import dev.orrery.store.ClusterStore;
import dev.orrery.store.OrreryHome;
import dev.orrery.store.RecentClusters;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A cluster named on the command line (logs, metrics, alerts): a cluster file's path, or the name
 * of a cluster Orrery knows (its folder's {@code NAME.json}, a recently opened file of that name,
 * or {@code sandbox}, the sandbox's own file).
 */
final class ClusterRef {
    private ClusterRef() {
    }

    static Path resolve(String arg, OrreryHome home) {
        Path p = Path.of(arg);
        if (Files.exists(p) || arg.contains("/") || arg.endsWith(".json")) {
            return p;
        }
        if (Rules.name(arg).isEmpty()) {
            Path inFolder = home.clustersDir().resolve(arg + ".json");
            if (Files.isRegularFile(inFolder)) {
                return inFolder;
            }
            for (Path recent : new RecentClusters(home.recentFile()).list()) {
                try {
                    if (Files.isRegularFile(recent) && ClusterStore.load(recent).name().equals(arg)) {
                        return recent;
                    }
                } catch (Exception unreadable) {
                    // another file; keep looking
                }
            }
            Path sandbox = dev.orrery.sandbox.SandboxPaths.of(home).clusterFile();
            if (arg.equals(dev.orrery.sandbox.SandboxCluster.NAME) && Files.isRegularFile(sandbox)) {
                return sandbox;
            }
        }
        throw new IllegalArgumentException("no cluster file " + arg + " and no cluster of that name in " + home.clustersDir()
                + " or the recently opened ones");
    }

    static Cluster load(String ref, OrreryHome home) throws Exception {
        Path file = resolve(ref, home);
        if (!Files.exists(file)) {
            throw new java.io.FileNotFoundException("no cluster '" + ref + "': " + file + " does not exist");
        }
        return ClusterStore.load(file);
    }
}
