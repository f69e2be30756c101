package dev.orrery.cli;

import com.sun.net.httpserver.HttpServer;
import dev.orrery.cloud.FakeApiFixture;
import dev.orrery.cloud.fake.FakeDroplet;
import dev.orrery.engine.ManagedBalancerJob;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.ManagedBalancer;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;
import dev.orrery.model.Stickiness;
import dev.orrery.store.ClusterStore;
import dev.orrery.task.Progress;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.shell.ProcessShellFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code orrery status} of a cluster behind a DigitalOcean Load Balancer (no balancer droplet):
 * the lock lives on its first app server, read over SSH (an in-process SSH server running the
 * lock's shell commands with this machine's shell); when that and the API answer, the exit code
 * is 0. When the app server cannot be reached, the lock is unknown and the exit code 1, as for a
 * droplet balancer.
 */
class StatusManagedExitTest {
    @TempDir
    Path dir;
    private final FakeApiFixture api = new FakeApiFixture();
    private SshServer sshd;
    private HttpServer app;
    private Path clientKey;

    StatusManagedExitTest() throws Exception {
    }

    @BeforeEach
    void start() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair client = g.generateKeyPair();
        clientKey = dir.resolve("id_rsa.pem");
        Files.writeString(clientKey, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(client.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(dir.resolve("hostkey.ser"));
        sshd.setKeyPairProvider(hostKeys);
        sshd.setPublickeyAuthenticator((user, key, session) -> Arrays.equals(key.getEncoded(), client.getPublic().getEncoded()));
        // each command line through this machine's shell, as sshd runs it (the lock's commands are shell scripts)
        sshd.setCommandFactory((channel, line) -> new ProcessShellFactory(line, "/bin/sh", "-c", line).createShell(channel));
        sshd.start();
        // Orrery knows the app server's host key (a check never trusts a new one).
        KeyPair host = hostKeys.loadKeys(null).iterator().next();
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve("known_hosts"), "[127.0.0.1]:" + sshd.getPort() + " " + PublicKeyEntry.toString(host.getPublic()) + "\n");

        app = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        app.createContext("/health", x -> {
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        app.start();
    }

    @AfterEach
    void stop() throws Exception {
        sshd.stop(true);
        app.stop(0);
        api.close();
    }

    private CliOnFakeApi.Run run(String... args) throws Exception {
        return new CliOnFakeApi(api, dir.resolve("home")).run(args);
    }

    private Path managedCluster(int sshPort) throws Exception {
        FakeDroplet d = api.fake.droplet("crater-app-1", List.of());
        Balancer b = new Balancer(BalancerKind.DO_LOAD_BALANCER, Stickiness.COOKIE, new HealthCheck("/health", 200, 1, 1, 10_000),
                null, 80, 443, List.of()).withManaged(ManagedBalancer.in("nyc3"));
        Server app1 = new Server("app-1", Role.APP, "127.0.0.1", "127.0.0.1", System.getProperty("user.name"), sshPort, clientKey.toString(),
                "digitalocean", String.valueOf(d.id()), "nyc3", "s-1vcpu-1gb", ServerState.READY, null);
        Cluster c = new Cluster("crater", new AppSpec("crater", app.getAddress().getPort(), null, null), b, List.of(app1));
        Path file = dir.resolve("crater.json");
        ClusterStore.save(file, c);
        api.fake.loadBalancers().readsUntilActive(0);
        new ManagedBalancerJob(c, api::client).run(Progress.NONE);
        return file;
    }

    @Test
    void allWellIsExitZero() throws Exception {
        Path file = managedCluster(sshd.getPort());

        CliOnFakeApi.Run r = run("status", file.toString(), "--route=direct");

        assertThat(r.err()).isEmpty();
        assertThat(r.out()).containsPattern("app-1 +App server +up").contains("deploy lock: free")
                .contains("managed balancer orrery-crater: managed · active");
        assertThat(r.exit()).isZero();
    }

    @Test
    void anUnreachableAppServerLeavesTheLockUnknownAndExitsOne() throws Exception {
        sshd.stop(true);
        Path file = managedCluster(sshd.getPort());

        CliOnFakeApi.Run r = run("status", file.toString(), "--route=direct");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("cannot read");
        assertThat(r.out()).containsPattern("app-1 +App server +up").contains("deploy lock: unknown (");
    }
}
