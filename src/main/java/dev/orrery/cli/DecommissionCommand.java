package dev.orrery.cli;

import dev.orrery.cloud.Sleeper;
import dev.orrery.engine.CloudWiring;
import dev.orrery.engine.DecommissionJob;
import dev.orrery.engine.JobHandle;
import dev.orrery.provision.DecommissionWorkflow;
import dev.orrery.provision.FileClusterModel;
import dev.orrery.provision.ProvisionTimeouts;
import dev.orrery.provision.Seams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/** {@code orrery decommission CLUSTER.json SERVER [--drain-seconds N]}: drain, unbalance, delete, forget. */
public final class DecommissionCommand implements CliCommand {
    static final String USAGE = "decommission CLUSTER.json SERVER [--drain-seconds N]";
    private final Map<String, String> env;
    private final Seams.BalancerPusher balancer;
    private final ProvisionTimeouts timeouts;

    public DecommissionCommand() {
        this(System.getenv(), null, ProvisionTimeouts.DEFAULT);
    }

    public DecommissionCommand(Map<String, String> env, Seams.BalancerPusher balancer, ProvisionTimeouts timeouts) {
        this.env = env;
        this.balancer = balancer;
        this.timeouts = timeouts;
    }

    @Override
    public String name() {
        return "decommission";
    }

    @Override
    public String usage() {
        return "decommission CLUSTER.json SERVER [--drain-seconds N]  drain an app server, take it out, delete its droplet";
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws Exception {
        CloudArgs a = CloudArgs.parse(args, Set.of("drain-seconds"), Set.of(), USAGE);
        Path file = Path.of(a.positional(0, "CLUSTER.json", USAGE));
        String server = a.positional(1, "SERVER", USAGE);
        int drain = a.intValue("drain-seconds", (int) timeouts.drain().toSeconds(), 0, 3600);
        ProvisionTimeouts t = new ProvisionTimeouts(timeouts.boot(), timeouts.ssh(), timeouts.shutdown(), timeouts.power(),
                timeouts.snapshot(), Duration.ofSeconds(drain));
        FileClusterModel model = new FileClusterModel(file);
        try (CloudSshWiring ssh = balancer == null ? new CloudSshWiring(ctx, file) : null) {
            Seams.BalancerPusher pusher = balancer != null ? balancer
                    : CloudWiring.balancer(ssh.wiring.hosts(), ssh.wiring.balancerLayout());
            return decommission(new DecommissionWorkflow(CloudWiring.provider(ctx.home(), env), model, pusher, t, Sleeper.REAL), server, model.current().name(), ctx);
        }
    }

    private static int decommission(DecommissionWorkflow workflow, String server, String cluster, CliContext ctx) throws InterruptedException {
        ctx.engine().addListener(new JobPrinter(ctx.out()));
        JobHandle<Void> job = ctx.engine().submit(new DecommissionJob(workflow, server, cluster));
        try (CancelOnInterrupt ignored = new CancelOnInterrupt(List.of(job), ctx.err())) {
            job.result().get();
            ctx.out().println(server + " decommissioned");
            return 0;
        } catch (ExecutionException e) {
            ctx.err().println("orrery decommission: " + e.getCause().getMessage());
            return 1;
        }
    }
}
