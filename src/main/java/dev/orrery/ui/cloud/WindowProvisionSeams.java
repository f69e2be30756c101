package dev.orrery.ui.cloud;

import dev.orrery.deploy.RolloutOptions;
import dev.orrery.engine.CloudWiring;
import dev.orrery.provision.Seams;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.remote.HostKeyPrompt;
import dev.orrery.remote.OrreryKnownHosts;
import dev.orrery.remote.SshAgent;
import dev.orrery.remote.SshConnector;
import dev.orrery.remote.SshHosts;
import dev.orrery.remote.SshSettings;
import dev.orrery.store.OrreryHome;
import dev.orrery.ui.ssh.FxPassphrasePrompt;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The provision seams as the window wires them: the engine's real SSH readiness, server check,
 * deploy and balancer push, over the window's SSH pool (an unknown balancer key is asked about
 * in a dialog; a new droplet's first key is recorded as the engine does) and the passphrase
 * asked by a dialog.
 */
public final class WindowProvisionSeams {
    private WindowProvisionSeams() {
    }

    public static Seams.ProvisionSeams of(OrreryHome home, Path clusterFile, SshHosts hosts, ScheduledExecutorService scheduler,
                                          Supplier<Window> owner) {
        OrreryKnownHosts known = OrreryKnownHosts.standard(home.knownHosts());
        FxPassphrasePrompt passphrase = new FxPassphrasePrompt(owner);
        Function<HostKeyPrompt, SshConnector> connectorWith =
                prompt -> new SshConnector(SshSettings.defaults(), known, prompt, passphrase, SshAgent.fromEnvironment());
        return CloudWiring.seams(new CloudWiring.Wiring(connectorWith, hosts, scheduler, BalancerLayout::droplet,
                RolloutOptions.defaults(), CloudWiring.bundlesFor(home, clusterFile)));
    }
}
