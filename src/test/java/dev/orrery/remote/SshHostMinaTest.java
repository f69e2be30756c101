package dev.orrery.remote;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SshHost against an in-process MINA SSHD (beside the real-sshd integration tests, for what
 * a real server will not do on demand): login refused, a server that never answers, the
 * connection dropped mid-command, a command that outlives its timeout.
 */
class SshHostMinaTest {
    @TempDir
    Path dir;

    private SshServer server;
    private ScheduledExecutorService scheduler;
    private Path clientKey;
    private KeyPair clientPair;
    private volatile boolean acceptLogin = true;
    private volatile int sudoExit = 0;
    private volatile String sudoSays = "";
    private final CountDownLatch commandStarted = new CountDownLatch(1);

    @BeforeEach
    void startServer() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        clientPair = g.generateKeyPair();
        clientKey = dir.resolve("id_rsa.pem");
        Files.writeString(clientKey, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(clientPair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");

        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(dir.resolve("hostkey.ser")));
        server.setPublickeyAuthenticator((user, key, session) ->
                acceptLogin && Arrays.equals(key.getEncoded(), clientPair.getPublic().getEncoded()));
        // the login user is not root: the host first asks `sudo -n -- true` (answered here), then runs each command through sudo
        server.setCommandFactory((channel, line) -> line.contains(Privilege.probe().line() + "\n") ? new Answer(sudoExit, sudoSays) : new HangingCommand());
        server.start();
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stop() throws Exception {
        scheduler.shutdownNow();
        server.stop(true);
    }

    private SshHost host(int port, SshSettings settings) {
        SshConnector c = new SshConnector(settings, new OrreryKnownHosts(dir.resolve("known_hosts"), List.of()),
                HostKeyPrompt.ACCEPT_NEW, PassphrasePrompt.NONE, null);
        return new SshHost(SshTarget.of("mina", "127.0.0.1", port, "deploy", clientKey), c, scheduler);
    }

    @Test
    void refusedLoginIsAClearAuthenticationError() {
        acceptLogin = false;
        try (SshHost h = host(server.getPort(), SshSettings.defaults())) {
            assertThatThrownBy(() -> h.run(dev.orrery.remote.Command.of("true")))
                    .isInstanceOf(AuthenticationFailedException.class)
                    .hasMessageStartingWith("mina (deploy@127.0.0.1:" + server.getPort() + ")")
                    .hasMessageContaining("authentication refused for user deploy").hasMessageContaining(clientKey.toString());
        }
    }

    @Test
    void aServerThatNeverSpeaksSshTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             SshHost h = host(silent.getLocalPort(), SshSettings.defaults().withConnectTimeout(Duration.ofSeconds(1)))) {
            // without a deadline the silent server would hang the call for ever; the message says
            // the 1 s connect timeout ended it
            assertThatThrownBy(() -> h.run(dev.orrery.remote.Command.of("true")))
                    .isInstanceOf(RemoteException.class).hasMessageContaining("cannot connect")
                    .hasMessageContaining("no SSH answer within 1 s");
        }
    }

    @Test
    void refusedConnectionSaysSo() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (SshHost h = host(closedPort, SshSettings.defaults())) {
            assertThatThrownBy(() -> h.run(dev.orrery.remote.Command.of("true")))
                    .isInstanceOf(RemoteException.class).hasMessageContaining("connection refused on port " + closedPort);
        }
    }

    @Test
    void connectionDroppedMidCommandFailsWithTheLastOutput() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (SshHost h = host(server.getPort(), SshSettings.defaults())) {
            Thread killer = new Thread(() -> {
                try {
                    // minutes: after 30 s a loaded machine's command had not always started, nothing cut the connection and the exec hung
                    if (commandStarted.await(5, TimeUnit.MINUTES)) {
                        org.awaitility.Awaitility.await("the command's first line").atMost(Duration.ofMinutes(2))
                                .pollInterval(Duration.ofMillis(10)).until(() -> !lines.isEmpty());
                        server.stop(true);
                    }
                } catch (Exception ignored) {
                    // the assertion below reports what happened
                }
            });
            killer.start();
            assertThatThrownBy(() -> h.exec(dev.orrery.remote.Command.of("deploy", "step"), lines::add))
                    .isInstanceOf(RemoteException.class)
                    .hasMessageContaining("connection was lost while running `deploy step`")
                    .hasMessageContaining("working on it");
            killer.join(600_000);
        }
        assertThat(lines).containsExactly("working on it");
    }

    @Test
    void passwordSudoIsRefusedBeforeAnyCommandRunsAndNeverWaits() {
        sudoExit = 1;
        sudoSays = "sudo: a password is required\n";
        try (SshHost h = host(server.getPort(), SshSettings.defaults())) {
            assertThatThrownBy(() -> h.run(dev.orrery.remote.Command.of("systemctl", "reload", "nginx")))
                    .isInstanceOf(SudoRefusedException.class)
                    .hasMessageStartingWith("mina (deploy@127.0.0.1:" + server.getPort() + "): deploy's sudo asks for a password")
                    .hasMessageContaining("deploy ALL=(ALL) NOPASSWD: ALL");
            assertThat(commandStarted.getCount()).as("the reload never ran").isEqualTo(1);
        }
    }

    @Test
    void aCommandOutlivingItsTimeoutIsStoppedAndReported() {
        try (SshHost h = host(server.getPort(), SshSettings.defaults().withCommandTimeout(Duration.ofMillis(500)))) {
            assertThatThrownBy(() -> h.exec(dev.orrery.remote.Command.of("sleep", "forever"), LineListener.IGNORE))
                    .isInstanceOf(RemoteException.class)
                    .hasMessageContaining("`sleep forever` did not finish within").hasMessageContaining("working on it");
            assertThat(server.getActiveSessions()).as("the connection survives a timed-out command").hasSize(1);
        }
    }

    @Test
    void oneConnectionIsSharedAndAnIdleOneIsClosedThenReopened() throws Exception {
        try (SshHost h = host(server.getPort(), SshSettings.defaults().withCommandTimeout(Duration.ofMillis(300)))) {
            h.connect();
            h.connect();
            assertThat(server.getActiveSessions()).hasSize(1);
            h.closeIfIdle(Duration.ofHours(1).toNanos());
            assertThat(server.getActiveSessions()).hasSize(1);
            h.closeIfIdle(0);
            waitUntil(() -> server.getActiveSessions().isEmpty());
            h.connect();
            assertThat(server.getActiveSessions()).hasSize(1);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) {
        org.awaitility.Awaitility.await("condition").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                .until(condition::getAsBoolean);
    }

    /** Writes {@code says}, then exits with {@code exit}. */
    private static final class Answer implements Command {
        private final int exit;
        private final String says;
        private OutputStream out;
        private ExitCallback done;

        Answer(int exit, String says) {
            this.exit = exit;
            this.says = says;
        }

        @Override public void setInputStream(InputStream in) { }
        @Override public void setOutputStream(OutputStream out) { this.out = out; }
        @Override public void setErrorStream(OutputStream err) { }
        @Override public void setExitCallback(ExitCallback callback) { this.done = callback; }
        @Override public void destroy(ChannelSession channel) { }

        @Override
        public void start(ChannelSession channel, Environment env) throws java.io.IOException {
            out.write(says.getBytes(StandardCharsets.UTF_8));
            out.flush();
            done.onExit(exit);
        }
    }

    /** Writes one line, then never exits (until the channel or server goes away). */
    private final class HangingCommand implements Command {
        private OutputStream out;

        @Override
        public void setInputStream(InputStream in) {
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
        }

        @Override
        public void start(ChannelSession channel, Environment env) throws java.io.IOException {
            out.write("working on it\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            commandStarted.countDown();
        }

        @Override
        public void destroy(ChannelSession channel) {
        }
    }
}
