package dev.orrery.cli;

import dev.orrery.engine.PushProxyJob;
import dev.orrery.model.Cluster;
import dev.orrery.proxy.ProxyConfig;
import dev.orrery.remote.SshHosts;

import java.util.List;

/** {@code orrery push-proxy CLUSTER.json}: renders, validates on the balancer and puts the configuration live over SSH. */
final class PushProxyCommand implements CliCommand {
    @Override
    public String name() {
        return "push-proxy";
    }

    @Override
    public String usage() {
        return "push-proxy CLUSTER.json [--accept-new-host-keys]  validate and put the balancer configuration live";
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws Exception {
        for (String a : args) {
            if (a.startsWith("--") && !a.equals(TerminalHostKeyPrompt.ACCEPT_NEW_FLAG)) {
                throw new UsageException("unknown option " + a + "; usage: " + usage());
            }
        }
        Cluster c = ClusterArg.load(args, usage());
        try (SshHosts hosts = ctx.sshHosts(args.contains(TerminalHostKeyPrompt.ACCEPT_NEW_FLAG))) {
            PushProxyJob job = PushProxyJob.forCluster(c, hosts);
            ProxyConfig live = JobPrinter.runPrinting(ctx, job);
            ctx.out().println("live: " + live.statusBody());
            return 0;
        }
    }
}
