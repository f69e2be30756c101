package dev.orrery.remote;

import dev.orrery.model.Role;
import dev.orrery.model.Server;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** How a cluster's server becomes an SSH login target. */
class SshTargetTest {

    @Test
    void serverFieldsMapToTheTarget() {
        Server s = Server.of("app-1", Role.APP, "203.0.113.7").withSsh("deploy", 2222, "/keys/id_ed25519");
        SshTarget t = SshTarget.of(s);
        assertThat(t).isEqualTo(new SshTarget("app-1", "203.0.113.7", 2222, "deploy", Path.of("/keys/id_ed25519"), false));
        assertThat(t.label()).isEqualTo("app-1 (deploy@203.0.113.7:2222)");
    }

    @Test
    void agentAndDefaultsAndHome() {
        assertThat(SshTarget.of(Server.of("a", Role.APP, "198.51.100.1").withSsh("root", 22, "agent")).agentOnly()).isTrue();
        SshTarget defaults = SshTarget.of(Server.of("a", Role.APP, "198.51.100.1"));
        assertThat(defaults.keyFile()).isNull();
        assertThat(defaults.agentOnly()).isFalse();
        assertThat(defaults.label()).isEqualTo("a (root@198.51.100.1)");
        assertThat(SshTarget.of(Server.of("a", Role.APP, "198.51.100.1").withSsh("root", 22, "~/.ssh/do")).keyFile())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".ssh", "do"));
    }
}
