package dev.orrery.cli;

import dev.orrery.deploy.RolloutOptions;
import dev.orrery.engine.CloudWiring;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.remote.HostKeyPrompt;
import dev.orrery.remote.OrreryKnownHosts;
import dev.orrery.remote.SshAgent;
import dev.orrery.remote.SshConnector;
import dev.orrery.remote.SshHosts;
import dev.orrery.remote.SshSettings;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * The SSH side of the cloud commands on a terminal: Orrery's known_hosts, the terminal's prompts,
 * the ssh-agent, one pooled connection per server for the length of the command.
 */
final class CloudSshWiring implements AutoCloseable {
    final SshHosts hosts;
    final CloudWiring.Wiring wiring;

    CloudSshWiring(CliContext ctx, Path clusterFile) {
        OrreryKnownHosts known = OrreryKnownHosts.standard(ctx.home().knownHosts());
        TerminalPassphrasePrompt passphrase = new TerminalPassphrasePrompt(ctx);
        SshAgent agent = SshAgent.fromEnvironment();
        Function<HostKeyPrompt, SshConnector> connectorWith = prompt -> new SshConnector(SshSettings.defaults(), known, prompt, passphrase, agent);
        hosts = new SshHosts(connectorWith.apply(new TerminalHostKeyPrompt(ctx, false)), ctx.engine().scheduler());
        wiring = new CloudWiring.Wiring(connectorWith, hosts, ctx.engine().scheduler(), BalancerLayout::droplet,
                RolloutOptions.defaults(), CloudWiring.bundlesFor(ctx.home(), clusterFile));
    }

    @Override
    public void close() {
        hosts.close();
    }
}
