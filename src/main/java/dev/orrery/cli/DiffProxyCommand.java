package dev.orrery.cli;

import dev.orrery.adopt.BalancerDiffs;
import dev.orrery.engine.AdoptJobs;
import dev.orrery.model.Cluster;
import dev.orrery.remote.SshHosts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code orrery diff-proxy CLUSTER.json}: what a push would change on the live balancer (both of a failover pair), directive by directive. */
@Command(name = "diff-proxy", mixinStandardHelpOptions = true,
        description = {"Show what a push would change on the live balancer, directive by directive (nothing is changed);",
                "on both balancers of a failover pair.",
                "Reads the live configuration over SSH (nginx -T, or haproxy.cfg) and compares it with what Orrery would write.",
                "Comments, order, spacing, quoting, time units and nginx's or HAProxy's own defaults make no difference."},
        footer = {"", "Exit codes: 0 done (with --exit-code: 0 no change, 3 changes), 1 failure, 2 bad command line."})
final class DiffProxyCommand extends CliBase {
    @Parameters(paramLabel = ClusterArg.LABEL, description = ClusterArg.DESCRIPTION)
    Path cluster;
    @Mixin
    HostKeyOption hostKeys;
    @Option(names = "--exit-code", description = "exit 3 when a push would change something")
    boolean exitCode;
    @Option(names = "--json", description = "print the changes as JSON")
    boolean json;
    @Option(names = "--live-file", paramLabel = "FILE", description = {"compare with a configuration saved on this computer",
            "(nginx -T output, an nginx.conf or an haproxy.cfg) instead of the live one"})
    Path liveFile;
    @Option(names = "--check-module", description = "with --live-file: the balancer's nginx has nginx_upstream_check_module")
    boolean checkModule;

    @Override
    protected int execute() throws Exception {
        Cluster c = ClusterArg.load(cluster);
        try (SshHosts hosts = ctx().sshHosts(hostKeys.acceptNew)) {
            BalancerDiffs d = liveFile != null ? BalancerDiffs.ofFile(AdoptOutput.run(ctx(), AdoptJobs.diffProxyFromFile(c, liveFile, checkModule), json))
                    : AdoptOutput.run(ctx(), AdoptJobs.diffProxy(c, hosts), json);
            if (json) {
                JsonOutput.print(ctx(), JsonShapes.DiffProxy.of(d));
            } else {
                ctx().out().println();
                ctx().out().print(d.text());
            }
            return exitCode && !d.noChange() ? 3 : 0;
        }
    }
}
