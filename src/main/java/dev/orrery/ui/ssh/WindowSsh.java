package dev.orrery.ui.ssh;

import dev.orrery.remote.OrreryKnownHosts;
import dev.orrery.remote.SshAgent;
import dev.orrery.remote.SshConnector;
import dev.orrery.remote.SshHosts;
import dev.orrery.remote.SshSettings;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/** The window's SSH pool: Orrery's known_hosts, the ssh-agent, and prompts answered by dialogs. */
public final class WindowSsh {
    private WindowSsh() {
    }

    public static SshHosts hosts(Path knownHosts, ScheduledExecutorService scheduler, Supplier<Window> owner) {
        return new SshHosts(connector(knownHosts, owner), scheduler);
    }

    public static SshConnector connector(Path knownHosts, Supplier<Window> owner) {
        return new SshConnector(SshSettings.defaults(), OrreryKnownHosts.standard(knownHosts),
                new FxHostKeyPrompt(owner), new FxPassphrasePrompt(owner), SshAgent.fromEnvironment());
    }
}
