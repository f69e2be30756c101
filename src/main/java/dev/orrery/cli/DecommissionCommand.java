package dev.orrery.cli;

import dev.orrery.cloud.Sleeper;
import dev.orrery.deploy.LocalClusterLock;
import dev.orrery.lock.ClusterLock;
import dev.orrery.lock.ClusterLockedException;
import dev.orrery.engine.CloudWiring;
import dev.orrery.engine.DecommissionJob;
import dev.orrery.engine.JobHandle;
import dev.orrery.provision.DecommissionWorkflow;
import dev.orrery.provision.FileClusterModel;
import dev.orrery.provision.ProvisionTimeouts;
import dev.orrery.provision.Seams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;

/** {@code orrery decommission CLUSTER.json SERVER [--drain-seconds N]}: drain, unbalance, delete, forget. */
@Command(name = "decommission", mixinStandardHelpOptions = true,
        description = {"Remove an app server and delete its droplet.", "Drains it, takes it out of the balancer, deletes its droplet and removes it from the cluster."})
final class DecommissionCommand extends CliBase {
    @Parameters(index = "0", paramLabel = ClusterArg.LABEL, description = ClusterArg.DESCRIPTION)
    Path file;

    @Parameters(index = "1", paramLabel = "SERVER", description = "the app server to remove, e.g. app-2")
    String server;

    Integer drainSeconds;

    @Option(names = "--drain-seconds", paramLabel = "N", description = "How long open connections may finish before the server goes (0 to 3600). Default: 20.")
    void drainSeconds(int n) {
        drainSeconds = Ranges.check(spec.commandLine(), "--drain-seconds", n, 0, 3600);
    }

    @Override
    protected int execute() throws Exception {
        CliContext ctx = ctx();
        ProvisionTimeouts base = ctx.seams().timeouts();
        ProvisionTimeouts t = new ProvisionTimeouts(base.boot(), base.ssh(), base.shutdown(), base.power(), base.snapshot(),
                drainSeconds != null ? Duration.ofSeconds(drainSeconds) : base.drain());
        FileClusterModel model = new FileClusterModel(file);
        Seams.BalancerPusher fake = ctx.seams().balancer();
        try (CloudSshWiring ssh = fake == null ? new CloudSshWiring(ctx, file) : null) {
            Seams.BalancerPusher pusher = fake != null ? fake : CloudWiring.balancer(ssh.wiring.hosts(), ssh.wiring.balancerLayout());
            DecommissionWorkflow workflow = new DecommissionWorkflow(CloudWiring.provider(ctx.home(), ctx.env()), model, pusher, t, Sleeper.REAL);
            ctx.engine().addListener(new JobPrinter(ctx.out()));
            ClusterLock lock = ssh != null ? ctx.orrery().clusterLock(ssh.hosts) : new LocalClusterLock(ctx.home().locksDir());
            try (ClusterLock.Held held = lock.acquire(model.current(), "decommission", "decommission of " + server)) {
                ctx.out().println("holding the cluster's lock (" + held.where() + ")");
                JobHandle<Void> job = ctx.engine().submit(new DecommissionJob(workflow, server, model.current().name()));
                try (CancelOnInterrupt ignored = new CancelOnInterrupt(List.of(job), ctx.err())) {
                    job.result().get();
                    ctx.out().println(server + " decommissioned");
                    return 0;
                } catch (ExecutionException e) {
                    ctx.err().println("orrery decommission: " + Failures.describe(e.getCause()));
                    return 1;
                }
            } catch (ClusterLockedException e) {
                ctx.err().println("orrery decommission: refused: " + e.getMessage());
                return 1;
            }
        }
    }
}
