package dev.orrery.cli;

import dev.orrery.model.Rules;
import dev.orrery.store.ClusterStore;
import dev.orrery.store.OrreryHome;
import dev.orrery.store.RecentClusters;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CLUSTER argument of the monitoring commands: a cluster file's path, or the name of a
 * cluster Orrery knows (its folder's {@code NAME.json}, a recently opened file of that name, or
 * the sandbox).
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
            Path sandbox = home.sandboxDir().resolve("cluster.json");
            if (arg.equals("sandbox") && Files.isRegularFile(sandbox)) {
                return sandbox;
            }
        }
        throw new IllegalArgumentException("no cluster file " + arg + " and no cluster of that name in " + home.clustersDir()
                + " or the recently opened ones");
    }
}
