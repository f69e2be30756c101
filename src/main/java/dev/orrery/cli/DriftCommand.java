package dev.orrery.cli;

import dev.orrery.adopt.DriftReport;
import dev.orrery.engine.AdoptJobs;
import dev.orrery.model.Cluster;
import dev.orrery.remote.HostKeyPrompt;
import dev.orrery.remote.SshHosts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code orrery drift CLUSTER.json}: how the live cluster differs from its file, each with what to do. */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = {"Compare the live cluster with its file: the balancer's configuration (edited by hand, not pushed yet, or",
                "behind the cluster), each app server's release, droplets gone or tagged but missing, app servers missing from the",
                "balancer, changed host keys. Each finding comes with a suggested action. Unknown host keys are never trusted here."},
        footer = {"", "Exit codes: 0 done (with --exit-code: 0 no drift, 3 drift), 1 failure, 2 bad command line."})
final class DriftCommand extends CliBase {
    @Parameters(paramLabel = ClusterArg.LABEL, description = ClusterArg.DESCRIPTION)
    Path cluster;
    @Option(names = "--tag", paramLabel = "TAG", description = "the DigitalOcean tag of the cluster's droplets (default: the tags they all carry)")
    String tag;
    @Option(names = "--exit-code", description = "exit 3 when there is drift")
    boolean exitCode;
    @Option(names = "--json", description = "print the findings as JSON")
    boolean json;

    @Override
    protected int execute() throws Exception {
        Cluster c = ClusterArg.load(cluster);
        try (SshHosts hosts = ctx().orrery().sshHosts(HostKeyPrompt.REFUSE)) {
            DriftReport r = AdoptOutput.run(ctx(), AdoptJobs.drift(ctx().orrery(), c, hosts, tag), json);
            if (json) {
                JsonOutput.print(ctx(), JsonShapes.Drift.of(c, r));
            } else {
                ctx().out().println();
                ctx().out().print(r.text());
            }
            return exitCode && !r.clean() ? 3 : 0;
        }
    }
}
