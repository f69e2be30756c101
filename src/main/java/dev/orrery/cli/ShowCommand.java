package dev.orrery.cli;

import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code orrery show CLUSTER.json [--json]}: the servers as a table, or as JSON. */
@Command(name = "show", mixinStandardHelpOptions = true, description = {"Print the cluster's app, balancer and servers.", "From the file alone: nothing is contacted."})
final class ShowCommand extends CliBase {
    @Parameters(index = "0", paramLabel = ClusterArg.LABEL, description = ClusterArg.DESCRIPTION)
    Path file;

    @Option(names = "--json", description = "Print JSON (shape in the README) instead of a table.")
    boolean json;

    @Override
    protected int execute() throws Exception {
        Cluster c = ClusterArg.load(file);
        if (json) {
            JsonOutput.print(ctx(), JsonShapes.Show.of(c));
            return 0;
        }
        ctx().out().println("cluster " + c.name() + " — app " + c.app().name() + " on port " + c.app().port()
                + ", balancer " + c.balancer().kind().name().toLowerCase() + " (" + c.balancer().stickiness().description() + ")");
        TextTable t = new TextTable("NAME", "ROLE", "PUBLIC", "PRIVATE", "SSH", "PROVIDER", "REGION", "SIZE", "STATE", "RELEASE");
        for (Server s : c.servers()) {
            t.row(s.name(), s.role().label(), s.publicAddress(), s.privateAddress(),
                    s.sshUser() + "@:" + s.sshPort(), s.provider(), s.region(), s.size(),
                    c.balancer().isDrained(s.name()) ? "drained" : s.state().word(), s.release());
        }
        ctx().out().print(t);
        return 0;
    }
}
