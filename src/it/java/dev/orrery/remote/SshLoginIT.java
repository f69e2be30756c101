package dev.orrery.remote;

import dev.orrery.it.Sys;
import dev.orrery.it.TestHost;
import dev.orrery.it.TestHosts;
import dev.orrery.it.Wait;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Login with RSA keys, passphrase-protected keys and the ssh-agent against real sshd. */
class SshLoginIT {
    private static TestHosts hosts;
    private static Path scratch;

    @BeforeAll
    static void start() {
        hosts = TestHosts.start(1);
        scratch = hosts.scratch("login-it");
    }

    @AfterAll
    static void stop() {
        if (hosts != null) {
            hosts.close();
        }
    }

    private static Path key(String name, String type, String passphrase) {
        Path key = scratch.resolve(name);
        List<String> argv = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", passphrase, "-C", name, "-f", key.toString()));
        if (type.equals("rsa")) {
            argv.addAll(List.of("-b", "3072"));
        }
        Sys.run(argv).orThrow("ssh-keygen " + name);
        hosts.authorize(Path.of(key + ".pub"));
        return key;
    }

    private static SshConnector connector(PassphrasePrompt prompt, SshAgent agent) throws Exception {
        TestHost h = hosts.get(0);
        Path known = Files.createTempFile(scratch, "known", "");
        Files.writeString(known, h.knownHostsLine() + "\n");
        return new SshConnector(SshSettings.defaults(), new OrreryKnownHosts(known, List.of()), HostKeyPrompt.REFUSE, prompt, agent);
    }

    private static String whoami(SshConnector c, SshTarget t) throws Exception {
        try (SshHost ssh = new SshHost(t, c, null)) {
            return ssh.run(Command.of("id", "-un")).output();
        }
    }

    @Test
    void rsaKeyFileLogsIn() throws Exception {
        TestHost h = hosts.get(0);
        Path rsa = key("id_rsa_plain", "rsa", "");
        assertThat(whoami(connector(PassphrasePrompt.NONE, null), SshTarget.of(h.name(), h.address(), 22, "root", rsa))).isEqualTo("root");
    }

    @Test
    void passphraseIsAskedThroughThePromptAndRetriedWhenWrong() throws Exception {
        TestHost h = hosts.get(0);
        Path rsa = key("id_rsa_locked", "rsa", "correct horse");
        Path ed = key("id_ed25519_locked", "ed25519", "correct horse");
        for (Path k : List.of(rsa, ed)) {
            List<Integer> attempts = new ArrayList<>();
            PassphrasePrompt prompt = (file, attempt) -> {
                assertThat(file).isEqualTo(k);
                attempts.add(attempt);
                return (attempt == 1 ? "wrong" : "correct horse").toCharArray();
            };
            assertThat(whoami(connector(prompt, null), SshTarget.of(h.name(), h.address(), 22, "root", k))).isEqualTo("root");
            assertThat(attempts).containsExactly(1, 2);
        }
        assertThatThrownBy(() -> whoami(connector(PassphrasePrompt.NONE, null), SshTarget.of(h.name(), h.address(), 22, "root", ed)))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("cannot use the key file " + ed).hasMessageContaining("passphrase");
    }

    @Test
    void agentKeysLogIn() throws Exception {
        TestHost h = hosts.get(0);
        Path rsa = key("id_rsa_agent", "rsa", "");
        Path ed = key("id_ed25519_agent", "ed25519", "");
        Path sock = scratch.resolve("agent.sock");
        Process agentProcess = spawnAgent(sock);
        try {
            SshAgent agent = new SshAgent(sock);
            SshTarget viaAgent = new SshTarget(h.name(), h.address(), 22, "root", null, true);
            for (Path k : List.of(rsa, ed)) {
                Sys.run("sh", "-c", "SSH_AUTH_SOCK=" + sock + " ssh-add -D && SSH_AUTH_SOCK=" + sock + " ssh-add " + k).orThrow("ssh-add");
                assertThat(agent.identities()).extracting(SshAgent.Identity::comment).containsExactly(k.getFileName().toString());
                assertThat(whoami(connector(PassphrasePrompt.NONE, agent), viaAgent)).isEqualTo("root");
            }
            // an empty agent: a clear refusal, not a hang
            Sys.run("sh", "-c", "SSH_AUTH_SOCK=" + sock + " ssh-add -D").orThrow("ssh-add -D");
            assertThatThrownBy(() -> whoami(connector(PassphrasePrompt.NONE, agent), viaAgent))
                    .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("no key to log in with");
        } finally {
            agentProcess.destroy();
            agentProcess.waitFor();
        }
    }

    @Test
    void refusedAgentKeysFallBackToTheDefaultKeyFiles() throws Exception {
        TestHost h = hosts.get(0);
        Path home = scratch.resolve("home");
        Files.createDirectories(home.resolve(".ssh"));
        Files.copy(h.privateKey(), home.resolve(".ssh/id_ed25519"));
        Path stranger = scratch.resolve("stranger_for_agent");
        Sys.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "stranger", "-f", stranger.toString()).orThrow("keygen");
        Path sock = scratch.resolve("agent2.sock");
        Process agentProcess = spawnAgent(sock);
        String realHome = System.getProperty("user.home");
        try {
            Sys.run("sh", "-c", "SSH_AUTH_SOCK=" + sock + " ssh-add " + stranger).orThrow("ssh-add");
            System.setProperty("user.home", home.toString());
            SshTarget defaults = new SshTarget(h.name(), h.address(), 22, "root", null, false);
            assertThat(whoami(connector(PassphrasePrompt.NONE, new SshAgent(sock)), defaults)).isEqualTo("root");
            Files.delete(home.resolve(".ssh/id_ed25519"));
            assertThatThrownBy(() -> whoami(connector(PassphrasePrompt.NONE, new SshAgent(sock)), defaults))
                    .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("tried agent key stranger");
        } finally {
            System.setProperty("user.home", realHome);
            agentProcess.destroy();
            agentProcess.waitFor();
        }
    }

    @Test
    void agentOnlyWithoutAnAgentSaysSo() throws Exception {
        TestHost h = hosts.get(0);
        assertThatThrownBy(() -> whoami(connector(PassphrasePrompt.NONE, null), new SshTarget(h.name(), h.address(), 22, "root", null, true)))
                .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("SSH_AUTH_SOCK");
    }

    /** ssh-agent in the foreground on this machine (not in a test host): it is only a local Unix socket. */
    private static Process spawnAgent(Path sock) throws Exception {
        Process p = new ProcessBuilder("ssh-agent", "-D", "-a", sock.toString()).redirectErrorStream(true)
                .redirectOutput(scratch.resolve("agent.log").toFile()).start();
        Wait.until("ssh-agent socket", () -> Files.exists(sock) || !p.isAlive());
        assertThat(p.isAlive()).as("ssh-agent started").isTrue();
        return p;
    }
}
