package dev.orrery.cli;

import dev.orrery.cloud.CloudSettings;
import dev.orrery.deploy.LocalClusterLock;
import dev.orrery.lock.ClusterLock;
import dev.orrery.lock.ClusterLockedException;
import dev.orrery.cloud.DropletTemplate;
import dev.orrery.cloud.Provider;
import dev.orrery.engine.CloudWiring;
import dev.orrery.engine.JobHandle;
import dev.orrery.engine.ProvisionJob;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.provision.FileClusterModel;
import dev.orrery.provision.ProvisionNames;
import dev.orrery.provision.ProvisionRequest;
import dev.orrery.provision.ProvisionWorkflow;
import dev.orrery.provision.Seams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * {@code orrery provision CLUSTER.json [--count N]}: new app servers from the cluster's snapshot,
 * in parallel, each undone if it fails. The droplet template (snapshot, region, size, keys, VPC)
 * comes from the options, else the cluster's saved template, else — for region and size — the
 * cluster's existing DigitalOcean app servers; {@code --save} keeps the options as the template.
 */
@Command(name = "provision", mixinStandardHelpOptions = true,
        description = {"New app servers from the cluster's DigitalOcean snapshot.", "In parallel: create each droplet, wait for it, "
                + "record its SSH host key, check it, deploy the current release and add it to the balancer. On failure or Ctrl-C "
                + "what was made is deleted; a droplet that cannot be deleted stays in the cluster marked failed.",
                "The droplet template comes from the options, else the one saved with --save, else (region and size) the cluster's "
                        + "existing DigitalOcean app servers."})
final class ProvisionCommand extends CliBase {
    @Parameters(index = "0", paramLabel = ClusterArg.LABEL, description = ClusterArg.DESCRIPTION)
    Path file;

    int count = 1;

    @Option(names = "--count", paramLabel = "N", description = "How many app servers to make (1 to 10). Default: 1.")
    void count(int n) {
        count = Ranges.check(spec.commandLine(), "--count", n, 1, 10);
    }

    @Option(names = "--name", paramLabel = "NAME", description = "The new server's name (one server); default: the next free app-N.")
    String name;

    @Option(names = "--snapshot", paramLabel = "ID", description = "The snapshot to start from (orrery digitalocean snapshots).")
    String snapshot;

    @Option(names = "--region", paramLabel = "SLUG", description = "The region, e.g. nyc3 (orrery digitalocean regions).")
    String region;

    @Option(names = "--size", paramLabel = "SLUG", description = "The droplet size, e.g. s-1vcpu-1gb (orrery digitalocean sizes).")
    String size;

    @Option(names = "--ssh-key", paramLabel = "ID|FINGERPRINT", description = "An account SSH key for the droplet (repeatable; orrery digitalocean keys).")
    List<String> sshKeys = new ArrayList<>();

    @Option(names = "--vpc", paramLabel = "UUID", description = "The VPC for the private network.")
    String vpc;

    @Option(names = "--ssh-user", paramLabel = "USER", description = "Who Orrery logs in as on the new servers. Default: root.")
    String sshUser;

    int sshPort = 22;

    @Option(names = "--ssh-port", paramLabel = "PORT", description = "The snapshot's sshd port (1 to 65535). Default: 22.")
    void sshPort(int p) {
        sshPort = Ranges.check(spec.commandLine(), "--ssh-port", p, 1, 65535);
    }

    @Option(names = "--login-key", paramLabel = "PATH|agent", description = "The key file Orrery logs in to the new servers with, or 'agent'. "
            + "Default: the key the cluster's servers use (their sshKey).")
    String loginKey;

    @Option(names = "--save", description = "Keep the snapshot, region, size, keys and VPC as this cluster's droplet template.")
    boolean save;

    @Override
    protected int execute() throws Exception {
        if (name != null && count > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--name makes one server; leave it out with --count");
        }
        CliContext ctx = ctx();
        FileClusterModel model = new FileClusterModel(file);
        Cluster cluster = model.current();
        CloudSettings settings = CloudSettings.load(ctx.home());
        DropletTemplate fromFlags = new DropletTemplate(region, size, snapshot, sshKeys, vpc, null);
        DropletTemplate template = fallbackFromServers(cluster).overlay(settings.template(cluster.name())).overlay(fromFlags);
        List<String> problems = template.problems();
        if (!problems.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "the droplet template for " + cluster.name() + " is incomplete: "
                    + String.join("; ", problems) + " (pass --snapshot/--region/--size, or --save them once)");
        }
        if (save) {
            CloudSettings.update(ctx.home(), s -> s.withTemplate(cluster.name(), template));
            ctx.out().println("saved the droplet template for " + cluster.name() + " in " + CloudSettings.file(ctx.home()));
        }
        List<String> names = name != null ? List.of(name) : ProvisionNames.next(cluster, Role.APP, count);
        List<ProvisionRequest> requests = new ArrayList<>();
        for (String n : names) {
            try {
                requests.add(new ProvisionRequest(n, template, sshUser, sshPort, loginKey));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        Provider provider = CloudWiring.provider(ctx.home(), ctx.env());
        Seams.ProvisionSeams fake = ctx.seams().provision();
        try (CloudSshWiring ssh = fake == null ? new CloudSshWiring(ctx, file) : null) {
            Seams.ProvisionSeams wired = fake != null ? fake : CloudWiring.seams(ssh.wiring);
            // One lock for the whole command: its servers are made in parallel, as one operation.
            ClusterLock lock = ssh != null ? ctx.orrery().clusterLock(ssh.hosts) : new LocalClusterLock(ctx.home().locksDir());
            try (ClusterLock.Held held = lock.acquire(cluster, "provision", "provision of " + String.join(", ", names))) {
                ctx.out().println("holding the cluster's lock (" + held.where() + ")");
                return provision(new ProvisionWorkflow(provider, model, wired, ctx.seams().timeouts()), requests, cluster, ctx);
            } catch (ClusterLockedException e) {
                ctx.err().println("orrery provision: refused: " + e.getMessage());
                return 1;
            }
        }
    }

    private static int provision(ProvisionWorkflow workflow, List<ProvisionRequest> requests, Cluster cluster, CliContext ctx) throws InterruptedException {
        ctx.engine().addListener(new JobPrinter(ctx.out()));
        List<JobHandle<Server>> jobs = new ArrayList<>();
        for (ProvisionRequest r : requests) {
            jobs.add(ctx.engine().submit(new ProvisionJob(workflow, r, cluster.name())));
        }
        int failed = 0;
        try (CancelOnInterrupt ignored = new CancelOnInterrupt(jobs, ctx.err())) {
            TextTable t = new TextTable("NAME", "DROPLET", "PUBLIC", "PRIVATE", "STATE");
            for (JobHandle<Server> j : jobs) {
                try {
                    Server s = j.result().get();
                    t.row(s.name(), s.dropletId(), s.publicAddress(), s.privateAddress(), s.state().word());
                } catch (ExecutionException e) {
                    failed++;
                    ctx.err().println("orrery provision: " + Failures.describe(e.getCause()));
                }
            }
            ctx.out().print(t);
        }
        return failed == 0 ? 0 : 1;
    }

    /** Region and size of the cluster's first DigitalOcean app server, for clusters with no template yet. */
    private static DropletTemplate fallbackFromServers(Cluster c) {
        return c.appServers().stream().filter(s -> "digitalocean".equals(s.provider()) && s.region() != null && s.size() != null)
                .findFirst().map(s -> new DropletTemplate(s.region(), s.size(), null, null, null, null))
                .orElse(new DropletTemplate(null, null, null, null, null, null));
    }
}
