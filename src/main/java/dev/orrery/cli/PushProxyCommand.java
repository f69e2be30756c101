package dev.orrery.cli;

import dev.orrery.engine.Locked;
import dev.orrery.engine.PushProxyJob;
import dev.orrery.lock.ClusterLockedException;
import dev.orrery.model.Cluster;
import dev.orrery.proxy.ProxyConfig;
import dev.orrery.remote.SshHosts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code orrery push-proxy CLUSTER.json}: renders, validates on the balancer and puts the configuration live over SSH. */
@Command(name = "push-proxy", mixinStandardHelpOptions = true,
        description = {"Validate and put the balancer configuration live over SSH.", "Renders the balancer configuration, validates it on the balancer (nginx -t / haproxy -c), put it live "
                + "with a graceful reload, and put the previous one back on any failure."})
final class PushProxyCommand extends CliBase {
    @Parameters(index = "0", paramLabel = ClusterArg.LABEL, description = ClusterArg.DESCRIPTION)
    Path file;

    @Mixin
    HostKeyOption hostKeys;

    @Override
    protected int execute() throws Exception {
        Cluster c = ClusterArg.load(file);
        try (SshHosts hosts = ctx().sshHosts(hostKeys.acceptNew)) {
            PushProxyJob job = PushProxyJob.forCluster(c, hosts);
            ProxyConfig live = JobPrinter.runPrinting(ctx(), Locked.by(ctx().orrery().clusterLock(hosts), () -> c, job));
            ctx().out().println("live: " + live.statusBody());
            return 0;
        } catch (ClusterLockedException e) {
            ctx().err().println("orrery push-proxy: refused: " + e.getMessage());
            return 1;
        }
    }
}
