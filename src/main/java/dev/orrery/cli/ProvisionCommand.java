package dev.orrery.cli;

import dev.orrery.cloud.CloudSettings;
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
import dev.orrery.provision.ProvisionTimeouts;
import dev.orrery.provision.ProvisionWorkflow;
import dev.orrery.provision.Seams;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * {@code orrery provision CLUSTER.json [--count N]}: new app servers from the cluster's snapshot,
 * in parallel, each undone if it fails. The droplet template (snapshot, region, size, keys, VPC)
 * comes from the options, else the cluster's saved template, else — for region and size — the
 * cluster's existing DigitalOcean app servers; {@code --save} keeps the options as the template.
 */
public final class ProvisionCommand implements CliCommand {
    static final String USAGE = "provision CLUSTER.json [--count N] [--name NAME] [--snapshot ID] [--region SLUG] [--size SLUG] "
            + "[--ssh-key ID|FINGERPRINT]... [--vpc UUID] [--ssh-user USER] [--ssh-port N] [--login-key PATH|agent] [--save]";
    private static final Set<String> OPTIONS = Set.of("count", "name", "snapshot", "region", "size", "ssh-key", "vpc", "ssh-user", "ssh-port", "login-key");

    private final Map<String, String> env;
    private final Seams.ProvisionSeams seams;
    private final ProvisionTimeouts timeouts;

    public ProvisionCommand() {
        this(System.getenv(), CloudWiring.seams(), ProvisionTimeouts.DEFAULT);
    }

    public ProvisionCommand(Map<String, String> env, Seams.ProvisionSeams seams, ProvisionTimeouts timeouts) {
        this.env = env;
        this.seams = seams;
        this.timeouts = timeouts;
    }

    @Override
    public String name() {
        return "provision";
    }

    @Override
    public String usage() {
        return "provision CLUSTER.json [--count N] [--snapshot ID --region SLUG --size SLUG --save]  new app servers from a DigitalOcean snapshot";
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws Exception {
        CloudArgs a = CloudArgs.parse(args, OPTIONS, Set.of("save"), USAGE);
        Path file = Path.of(a.positional(0, "CLUSTER.json", USAGE));
        int count = a.intValue("count", 1, 1, 10);
        if (a.has("name") && count > 1) {
            throw new UsageException("--name makes one server; leave it out with --count");
        }
        FileClusterModel model = new FileClusterModel(file);
        Cluster cluster = model.current();
        CloudSettings settings = CloudSettings.load(ctx.home());
        DropletTemplate fromFlags = new DropletTemplate(a.get("region"), a.get("size"), a.get("snapshot"), a.all("ssh-key"), a.get("vpc"), null);
        DropletTemplate template = fallbackFromServers(cluster).overlay(settings.template(cluster.name())).overlay(fromFlags);
        List<String> problems = template.problems();
        if (!problems.isEmpty()) {
            throw new UsageException("the droplet template for " + cluster.name() + " is incomplete: " + String.join("; ", problems)
                    + " (pass --snapshot/--region/--size, or --save them once)");
        }
        if (a.has("save")) {
            settings.withTemplate(cluster.name(), template).save(ctx.home());
            ctx.out().println("saved the droplet template for " + cluster.name() + " in " + CloudSettings.file(ctx.home()));
        }
        List<String> names = a.has("name") ? List.of(a.get("name")) : ProvisionNames.next(cluster, Role.APP, count);
        List<ProvisionRequest> requests = new ArrayList<>();
        for (String n : names) {
            try {
                requests.add(new ProvisionRequest(n, template, a.get("ssh-user"), a.intValue("ssh-port", 22, 1, 65535), a.get("login-key")));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        Provider provider = CloudWiring.provider(ctx.home(), env);
        ProvisionWorkflow workflow = new ProvisionWorkflow(provider, model, seams, timeouts);
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
                    ctx.err().println("orrery provision: " + e.getCause().getMessage());
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
