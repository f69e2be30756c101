package dev.orrery.cli;

import dev.orrery.model.Cluster;
import dev.orrery.model.Server;

import java.util.List;

/** {@code orrery show CLUSTER.json}: the servers as a table. */
final class ShowCommand implements CliCommand {
    @Override
    public String name() {
        return "show";
    }

    @Override
    public String usage() {
        return "show CLUSTER.json              print the cluster's servers as a table";
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws Exception {
        Cluster c = ClusterArg.load(args, usage());
        ctx.out().println("cluster " + c.name() + " — app " + c.app().name() + " on port " + c.app().port()
                + ", balancer " + c.balancer().kind().name().toLowerCase() + " (" + c.balancer().stickiness().description() + ")");
        TextTable t = new TextTable("NAME", "ROLE", "PUBLIC", "PRIVATE", "SSH", "PROVIDER", "REGION", "SIZE", "STATE", "RELEASE");
        for (Server s : c.servers()) {
            t.row(s.name(), s.role().label(), s.publicAddress(), s.privateAddress(),
                    s.sshUser() + "@:" + s.sshPort(), s.provider(), s.region(), s.size(),
                    c.balancer().isDrained(s.name()) ? "drained" : s.state().word(), s.release());
        }
        ctx.out().print(t);
        return 0;
    }
}
