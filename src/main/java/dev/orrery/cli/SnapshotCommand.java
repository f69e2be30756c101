package dev.orrery.cli;

import dev.orrery.cloud.CloudSettings;
import dev.orrery.cloud.Snapshot;
import dev.orrery.engine.CloudWiring;
import dev.orrery.engine.JobHandle;
import dev.orrery.engine.SnapshotJob;
import dev.orrery.provision.FileClusterModel;
import dev.orrery.provision.ProvisionTimeouts;
import dev.orrery.provision.SnapshotWorkflow;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * {@code orrery snapshot CLUSTER.json SERVER [--name NAME] [--use]}: shut the server down (power
 * off if it will not), snapshot it, power it on. {@code --use} makes the new snapshot the one
 * new servers of the cluster start from.
 */
public final class SnapshotCommand implements CliCommand {
    static final String USAGE = "snapshot CLUSTER.json SERVER [--name NAME] [--use]";
    private final Map<String, String> env;
    private final ProvisionTimeouts timeouts;

    public SnapshotCommand() {
        this(System.getenv(), ProvisionTimeouts.DEFAULT);
    }

    public SnapshotCommand(Map<String, String> env, ProvisionTimeouts timeouts) {
        this.env = env;
        this.timeouts = timeouts;
    }

    @Override
    public String name() {
        return "snapshot";
    }

    @Override
    public String usage() {
        return "snapshot CLUSTER.json SERVER [--name NAME] [--use]  snapshot a DigitalOcean app server (it is off meanwhile)";
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws Exception {
        CloudArgs a = CloudArgs.parse(args, Set.of("name"), Set.of("use"), USAGE);
        Path file = Path.of(a.positional(0, "CLUSTER.json", USAGE));
        String server = a.positional(1, "SERVER", USAGE);
        FileClusterModel model = new FileClusterModel(file);
        String cluster = model.current().name();
        String name = a.get("name") != null ? a.get("name")
                : cluster + "-" + server + "-" + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm"));
        SnapshotWorkflow workflow = new SnapshotWorkflow(CloudWiring.provider(ctx.home(), env), model, timeouts);
        ctx.engine().addListener(new JobPrinter(ctx.out()));
        JobHandle<Snapshot> job = ctx.engine().submit(new SnapshotJob(workflow, server, name, cluster));
        try (CancelOnInterrupt ignored = new CancelOnInterrupt(List.of(job), ctx.err())) {
            Snapshot s = job.result().get();
            ctx.out().println("snapshot " + s.name() + " id " + s.id() + " in " + String.join(", ", s.regions()));
            if (a.has("use")) {
                CloudSettings settings = CloudSettings.load(ctx.home());
                settings.withTemplate(cluster, settings.template(cluster).withSnapshot(s.id())).save(ctx.home());
                ctx.out().println("new servers of " + cluster + " now start from snapshot " + s.id());
            }
            return 0;
        } catch (ExecutionException e) {
            ctx.err().println("orrery snapshot: " + e.getCause().getMessage());
            return 1;
        }
    }
}
