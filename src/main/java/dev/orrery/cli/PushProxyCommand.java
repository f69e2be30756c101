package dev.orrery.cli;

import dev.orrery.engine.JobEvent;
import dev.orrery.engine.JobHandle;
import dev.orrery.engine.JobListener;
import dev.orrery.engine.PushProxyJob;
import dev.orrery.model.Cluster;
import dev.orrery.proxy.ProxyConfig;
import dev.orrery.remote.HostKeyPrompt;
import dev.orrery.remote.OrreryKnownHosts;
import dev.orrery.remote.PassphrasePrompt;
import dev.orrery.remote.SshAgent;
import dev.orrery.remote.SshConnector;
import dev.orrery.remote.SshHosts;
import dev.orrery.remote.SshSettings;

import java.io.IOException;
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
        return "push-proxy CLUSTER.json [--accept-new-host-key]  validate and put the balancer configuration live";
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws Exception {
        for (String a : args) {
            if (a.startsWith("--") && !a.equals("--accept-new-host-key")) {
                throw new UsageException("unknown option " + a + "; usage: " + usage());
            }
        }
        Cluster c = ClusterArg.load(args, usage());
        HostKeyPrompt prompt = args.contains("--accept-new-host-key") ? HostKeyPrompt.ACCEPT_NEW : askOnTerminal(ctx);
        SshConnector connector = new SshConnector(SshSettings.defaults(), OrreryKnownHosts.standard(ctx.home().knownHosts()),
                prompt, PassphrasePrompt.NONE, SshAgent.fromEnvironment());
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

    /** Shows an unknown host key's fingerprint on the terminal and asks; no answer means no. */
    private static HostKeyPrompt askOnTerminal(CliContext ctx) {
        return (host, type, fingerprint) -> {
            ctx.err().println("The host key of " + host + " is not known yet.");
            ctx.err().println(type + " key fingerprint is " + fingerprint + ".");
            ctx.err().print("Trust it and continue (yes/no)? ");
            ctx.err().flush();
            try {
                String answer = ctx.in().readLine();
                return answer != null && (answer.strip().equalsIgnoreCase("yes") || answer.strip().equalsIgnoreCase("y"));
            } catch (IOException e) {
                return false;
            }
        };
    }
}
