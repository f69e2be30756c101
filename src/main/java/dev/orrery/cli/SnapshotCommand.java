package dev.orrery.cli;

import dev.orrery.cloud.CloudSettings;
import dev.orrery.cloud.Snapshot;
import dev.orrery.engine.CloudWiring;
import dev.orrery.engine.JobHandle;
import dev.orrery.engine.SnapshotJob;
import dev.orrery.provision.FileClusterModel;
import dev.orrery.provision.SnapshotWorkflow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * {@code orrery snapshot CLUSTER.json SERVER [--name NAME] [--use]}: shut the server down (power
 * off if it will not), snapshot it, power it on. {@code --use} makes the new snapshot the one
 * new servers of the cluster start from.
 */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = {"Snapshot a DigitalOcean app server (it is off meanwhile).", "Shuts it down (powers it off if it will not), snapshots it and powers it on."})
final class SnapshotCommand extends CliBase {
    @Parameters(index = "0", paramLabel = ClusterArg.LABEL, description = ClusterArg.DESCRIPTION)
    Path file;

    @Parameters(index = "1", paramLabel = "SERVER", description = "the app server to snapshot, e.g. app-1")
    String server;

    @Option(names = "--name", paramLabel = "NAME", description = "The snapshot's name. Default: CLUSTER-SERVER-yyyyMMdd-HHmm (UTC).")
    String name;

    @Option(names = "--use", description = "Make the new snapshot the one new servers of this cluster start from.")
    boolean use;

    @Override
    protected int execute() throws Exception {
        CliContext ctx = ctx();
        FileClusterModel model = new FileClusterModel(file);
        String cluster = model.current().name();
        String snapshotName = name != null ? name
                : cluster + "-" + server + "-" + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm"));
        SnapshotWorkflow workflow = new SnapshotWorkflow(CloudWiring.provider(ctx.home(), ctx.env()), model, ctx.seams().timeouts());
        ctx.engine().addListener(new JobPrinter(ctx.out()));
        JobHandle<Snapshot> job = ctx.engine().submit(new SnapshotJob(workflow, server, snapshotName, cluster));
        try (CancelOnInterrupt ignored = new CancelOnInterrupt(List.of(job), ctx.err())) {
            Snapshot s = job.result().get();
            ctx.out().println("snapshot " + s.name() + " id " + s.id() + " in " + String.join(", ", s.regions()));
            if (use) {
                CloudSettings.update(ctx.home(), settings -> settings.withTemplate(cluster, settings.template(cluster).withSnapshot(s.id())));
                ctx.out().println("new servers of " + cluster + " now start from snapshot " + s.id());
            }
            return 0;
        } catch (ExecutionException e) {
            ctx.err().println("orrery snapshot: " + Failures.describe(e.getCause()));
            return 1;
        }
    }
}
