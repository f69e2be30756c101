package dev.orrery.cli;

import dev.orrery.model.Cluster;
import dev.orrery.store.ClusterFileException;
import dev.orrery.store.ClusterStore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads the CLUSTER.json argument most commands take first. */
final class ClusterArg {
    private ClusterArg() {
    }

    static Path path(List<String> args, String usage) throws UsageException {
        List<String> positional = args.stream().filter(a -> !a.startsWith("--")).toList();
        if (positional.isEmpty()) {
            throw new UsageException("missing CLUSTER.json; usage: " + usage);
        }
        return Path.of(positional.get(0));
    }

    static Cluster load(List<String> args, String usage) throws UsageException, ClusterFileException, IOException {
        return ClusterStore.load(path(args, usage));
    }
}
