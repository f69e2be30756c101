package dev.orrery.remote;

import dev.orrery.model.Role;
import dev.orrery.model.Server;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pool hands out one host per server and a new one when its SSH details change. No connection is made here. */
class SshHostsTest {
    private final SshConnector connector = new SshConnector(SshSettings.defaults(),
            new OrreryKnownHosts(Path.of("/nonexistent/known_hosts"), List.of()), HostKeyPrompt.REFUSE, PassphrasePrompt.NONE, null);

    @Test
    void oneHostPerServerReusedUntilItsSshDetailsChange() {
        try (SshHosts pool = new SshHosts(connector, null)) {
            Server s = Server.of("app-1", Role.APP, "203.0.113.7");
            SshHost first = pool.hostFor(s);
            assertThat(pool.hostFor(s)).isSameAs(first);
            assertThat(pool.hostFor(s.withState(dev.orrery.model.ServerState.READY))).as("state is not an SSH detail").isSameAs(first);
            assertThat(pool.hostFor(s.withAddresses("203.0.113.8", null))).isNotSameAs(first);
            assertThat(pool.hostFor(s.withSsh("deploy", 22, null))).isNotSameAs(first);
            assertThat(first.name()).isEqualTo("app-1 (root@203.0.113.7)");
            assertThat(pool.all()).hasSize(3);
        }
    }

    @Test
    void aClosedHostRefusesToReconnect() {
        SshHost h;
        try (SshHosts pool = new SshHosts(connector, null)) {
            // loopback: were the close not honoured, the attempt stays on this machine
            h = pool.hostFor(Server.of("app-1", Role.APP, "127.0.0.1").withSsh("root", 1, null));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> h.run(Command.of("true")))
                .isInstanceOf(RemoteException.class).hasMessageContaining("closed");
    }
}
