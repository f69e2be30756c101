package dev.orrery.cli;

import dev.orrery.ha.FailoverDrill;
import dev.orrery.model.Cluster;
import dev.orrery.remote.SshHosts;
import dev.orrery.store.ClusterStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code orrery balancer failover-drill CLUSTER.json}: stop the active balancer, time the takeover, restore. */
@Command(name = "failover-drill", mixinStandardHelpOptions = true,
        description = {"Stop nginx/HAProxy on the balancer holding the reserved IP, measure the time until the reserved IP "
                + "answers from the other balancer, then start it again (it stands by: the address stays where it moved).",
                "Users see errors for about the printed time: run it when that is acceptable."})
final class FailoverDrillCommand extends CliBase {
    @Parameters(paramLabel = ClusterArg.LABEL, description = ClusterArg.DESCRIPTION)
    Path clusterFile;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @Mixin
    HostKeyOption hostKeys = new HostKeyOption();

    @Override
    protected int execute() throws Exception {
        Cluster cluster = ClusterStore.load(clusterFile);
        try (SshHosts hosts = ctx().sshHosts(hostKeys.acceptNew)) {
            var job = ctx().orrery().failoverDrillJob(cluster, hosts);
            FailoverDrill.Result r = json ? silently(job) : JobPrinter.runPrinting(ctx(), job);
            if (json) {
                JsonOutput.print(ctx(), r);
            } else {
                ctx().out().println("failover: " + r.reservedIp() + " moved from " + r.from() + " to " + r.to() + " in " + r.failoverMs()
                        + " ms (" + r.balancer() + " stopped on " + r.from() + ", then started again)");
            }
            return 0;
        } catch (dev.orrery.ha.FailoverException | dev.orrery.cloud.CloudException e) {
            ctx().err().println("orrery balancer failover-drill: " + e.getMessage());
            return 1;
        }
    }

    /** With --json the steps are not printed, so standard output is one JSON document. */
    private FailoverDrill.Result silently(dev.orrery.engine.Job<FailoverDrill.Result> job) throws Exception {
        try {
            return ctx().engine().submit(job).result().get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }
}
