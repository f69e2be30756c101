package dev.orrery.remote;

import dev.orrery.cli.OrreryCli;
import dev.orrery.it.TestHost;
import dev.orrery.it.TestHosts;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.store.ClusterStore;
import dev.orrery.store.OrreryHome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code orrery ssh-check} against two real sshd: terminal questions, --accept-new-host-keys, a changed key. */
class SshCheckCommandIT {
    private static TestHosts hosts;
    private static Path clusterFile;

    @BeforeAll
    static void start() throws Exception {
        hosts = TestHosts.start(2);
        Path dir = hosts.scratch("ssh-check");
        TestHost a = hosts.get(0);
        TestHost b = hosts.get(1);
        String key = a.privateKey().toString();
        Cluster c = new Cluster("it", new AppSpec("app", 3000, Map.of(), List.of()), Balancer.defaults(), List.of(
                Server.of("app-1", Role.APP, a.address()).withSsh("root", 22, key),
                Server.of("app-2", Role.APP, b.address()).withSsh("root", 22, key)));
        clusterFile = dir.resolve("cluster.json");
        ClusterStore.save(clusterFile, c);
    }

    @AfterAll
    static void stop() {
        if (hosts != null) {
            hosts.close();
        }
    }

    record Run(int exit, String out, String err) {
    }

    static Run cli(Path home, String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] argv = new String[args.length + 2];
        argv[0] = "ssh-check";
        argv[1] = clusterFile.toString();
        System.arraycopy(args, 0, argv, 2, args.length);
        int exit = OrreryCli.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new BufferedReader(new StringReader(input)), new OrreryHome(home));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void asksOnTheTerminalRefusesWithoutInputAndAcceptsNewKeysWithTheFlag() throws Exception {
        Path home = hosts.scratch("home-" + System.nanoTime());
        TestHost a = hosts.get(0);
        TestHost b = hosts.get(1);

        Run noInput = cli(home, "");
        assertThat(noInput.exit()).isEqualTo(1);
        assertThat(noInput.err()).contains(a.hostKeyFingerprint()).contains("--accept-new-host-keys");
        assertThat(noInput.out()).contains("FAILED").doesNotContain(" ok ").contains("0 of 2 servers answered");

        Run answered = cli(home, "yes\nno\n");
        assertThat(answered.exit()).isEqualTo(1);
        assertThat(answered.err()).contains(a.hostKeyFingerprint()).contains(b.hostKeyFingerprint()).contains("Host key refused");
        assertThat(answered.out()).containsPattern("app-1\\s+root@" + a.address().replace(".", "\\.") + ":22\\s+ok")
                .containsPattern("app-2\\s+\\S+\\s+FAILED").contains("1 of 2 servers answered");
        assertThat(Files.readString(home.resolve("known_hosts"))).isEqualTo(a.knownHostsLine() + "\n");

        Run flagged = cli(home, "", "--accept-new-host-keys");
        assertThat(flagged.exit()).as(flagged.out() + flagged.err()).isZero();
        assertThat(flagged.out()).contains("2 of 2 servers answered");
        assertThat(Files.readAllLines(home.resolve("known_hosts"))).containsExactly(a.knownHostsLine(), b.knownHostsLine());

        b.regenerateHostKey();
        Run changed = cli(home, "yes\n", "--accept-new-host-keys");
        assertThat(changed.exit()).isEqualTo(1);
        assertThat(changed.out()).contains("HAS CHANGED").contains(home.resolve("known_hosts") + " line 2").contains("1 of 2 servers answered");
        assertThat(Files.readAllLines(home.resolve("known_hosts"))).hasSize(2);
    }
}
