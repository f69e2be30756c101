package dev.orrery.cli;

import dev.orrery.model.Cluster;
import dev.orrery.store.ClusterStore;
import picocli.CommandLine;

import java.nio.file.Path;

/** A sub-command whose first argument is CLUSTER (a file or a known name), see {@link ClusterRef}. */
abstract class ClusterCommand extends CliBase {

    /** The cluster file; an unknown name is a wrong command line (exit 2, with the usage). */
    protected Path clusterFile(String arg) {
        try {
            return ClusterRef.resolve(arg, ctx().home());
        } catch (IllegalArgumentException e) { // an unknown name
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for CLUSTER: " + e.getMessage());
        }
    }

    protected Cluster load(String arg) throws Exception {
        return ClusterStore.load(clusterFile(arg));
    }
}
