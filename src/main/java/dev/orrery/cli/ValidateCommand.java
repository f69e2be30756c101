package dev.orrery.cli;

import dev.orrery.model.Cluster;

import java.util.List;

/** {@code orrery validate CLUSTER.json}: exit 0 when the file is valid, else the field and why, exit 1. */
final class ValidateCommand implements CliCommand {
    @Override
    public String name() {
        return "validate";
    }

    @Override
    public String usage() {
        return "validate CLUSTER.json          check a cluster file; names the field and why when it is not valid";
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws Exception {
        Cluster c = ClusterArg.load(args, usage());
        ctx.out().println(ClusterArg.path(args, usage()) + ": valid (cluster \"" + c.name() + "\", "
                + c.servers().size() + " servers)");
        return 0;
    }
}
