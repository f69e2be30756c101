package dev.orrery.cli;

import dev.orrery.engine.JobEvent;
import dev.orrery.engine.JobHandle;
import dev.orrery.engine.JobListener;
import dev.orrery.engine.PushProxyJob;
import dev.orrery.model.Cluster;
import dev.orrery.proxy.ProxyConfig;
import dev.orrery.remote.OrreryKnownHosts;
import dev.orrery.remote.SshAgent;
import dev.orrery.remote.SshConnector;
import dev.orrery.remote.SshHosts;
import dev.orrery.remote.SshSettings;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

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
            JobListener printer = e -> {
                if (e instanceof JobEvent.Step s) {
                    ctx.out().println("• " + s.name());
                } else if (e instanceof JobEvent.Log l) {
                    ctx.out().println("    " + l.line());
                }
            };
            ctx.engine().addListener(printer);
            JobHandle<ProxyConfig> handle = ctx.engine().submit(job);
            try {
                ProxyConfig live = handle.result().get();
                ctx.out().println("live: " + live.statusBody());
                return 0;
            } catch (ExecutionException | CompletionException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                ctx.err().println("orrery push-proxy: " + cause.getMessage());
                return 1;
            } finally {
                ctx.engine().removeListener(printer);
            }
        }
    }
}
