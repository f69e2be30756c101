package dev.orrery.cli;

import dev.orrery.engine.PushProxyJob;
import dev.orrery.model.Cluster;
import dev.orrery.proxy.ProxyConfig;
import dev.orrery.remote.OrreryKnownHosts;
import dev.orrery.remote.SshAgent;
import dev.orrery.remote.SshConnector;
import dev.orrery.remote.SshHosts;
import dev.orrery.remote.SshSettings;

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
        SshConnector connector = new SshConnector(SshSettings.defaults(), OrreryKnownHosts.standard(ctx.home().knownHosts()),
                new TerminalHostKeyPrompt(ctx, args.contains(TerminalHostKeyPrompt.ACCEPT_NEW_FLAG)),
                new TerminalPassphrasePrompt(ctx), SshAgent.fromEnvironment());
        try (SshHosts hosts = new SshHosts(connector, ctx.engine().scheduler())) {
            PushProxyJob job = PushProxyJob.forCluster(c, hosts);
            ProxyConfig live = JobPrinter.runPrinting(ctx, job);
            ctx.out().println("live: " + live.statusBody());
            return 0;
        }
    }
}
