package dev.orrery.metrics;

import dev.orrery.health.ManualProbeClock;
import dev.orrery.remote.Command;
import dev.orrery.remote.Conversation;
import dev.orrery.remote.HostKeyPrompt;
import dev.orrery.remote.OrreryKnownHosts;
import dev.orrery.remote.PassphrasePrompt;
import dev.orrery.remote.RemoteException;
import dev.orrery.remote.SshConnector;
import dev.orrery.remote.SshHost;
import dev.orrery.remote.SshSettings;
import dev.orrery.remote.SshTarget;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.shell.ProcessShellFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The sampling loop over SSH, against an in-process MINA SSHD whose commands run in a real
 * {@code /bin/sh} on this machine: many samples on one channel; the channel closed by the
 * server, then the whole connection dropped, and sampling carries on with a new channel (and a
 * new connection); a loop that stops answering is given up after the timeout.
 */
class SamplingChannelMinaTest {
    @TempDir
    Path dir;

    private SshServer server;
    private ScheduledExecutorService scheduler;
    private Path clientKey;
    /** Every channel the server ran a command on, in order. */
    private final List<ChannelSession> channels = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair pair = g.generateKeyPair();
        clientKey = dir.resolve("id_rsa.pem");
        Files.writeString(clientKey, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(dir.resolve("hostkey.ser")));
        server.setPublickeyAuthenticator((user, key, session) -> Arrays.equals(key.getEncoded(), pair.getPublic().getEncoded()));
        server.setCommandFactory((channel, line) -> {
            channels.add(channel);
            return new ProcessShellFactory(line, "/bin/sh", "-c", line).createShell(channel);
        });
        server.start();
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stop() throws Exception {
        scheduler.shutdownNow();
        server.stop(true);
    }

    private SshHost host() {
        SshConnector c = new SshConnector(SshSettings.defaults(), new OrreryKnownHosts(dir.resolve("known_hosts"), List.of()),
                HostKeyPrompt.ACCEPT_NEW, PassphrasePrompt.NONE, null);
        // root: no sudo in front of the loop (MINA's shell is this machine's, as the test's user)
        return new SshHost(SshTarget.of("mina", "127.0.0.1", server.getPort(), "root", clientKey), c, scheduler);
    }

    @Test
    void manySamplesOneChannelAndANewOneWhenTheChannelOrConnectionDies() throws Exception {
        ManualProbeClock clock = new ManualProbeClock(0);
        try (SshHost h = host(); MetricsSampler sampler = new MetricsSampler(clock, Runnable::run, 10_000)) {
            List<Sample> got = new CopyOnWriteArrayList<>();
            sampler.addListener(got::add);
            sampler.setTargets(List.of(new SampleTarget("app-1", h, SampleCommand.system(), Sample.Source.SSH)));
            sampler.start();
            clock.advance(40_000); // samples at 0, 10, 20, 30 and 40 s, each read inline
            assertThat(got).hasSize(5);
            assertThat(channels).hasSize(1);
            assertThat(got.get(4).get(Metric.MEM_TOTAL)).isPositive();

            killLoops(); // the loop dies on the server (killed, or the machine's sshd restarted): the server closes its channel
            await().until(() -> {
                clock.advance(10_000);
                return channels.size() == 2 && sampler.status().get(0).samples() > 5 && !sampler.status().get(0).failing();
            });
            int afterChannel = got.size();

            channels.get(1).getSession().close(true); // the whole connection drops
            await().until(() -> {
                clock.advance(10_000);
                return channels.size() == 3 && got.size() > afterChannel && !sampler.status().get(0).failing();
            });
            assertThat(channels.get(2).getSession()).isNotSameAs(channels.get(1).getSession());
            assertThat(got.get(got.size() - 1).get(Metric.CPU)).isBetween(0.0, 100.0); // rates go on across the new channel
        }
    }

    /** The loops MINA runs for this test: children of this JVM running the line SshHost sends ({@code { LINE\n} 2>&1}). */
    private static void killLoops() {
        List<ProcessHandle> loops = ProcessHandle.current().children()
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a)).orElse("").contains("} 2>&1")).toList();
        assertThat(loops).isNotEmpty();
        loops.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void stoppingTheSamplerClosesItsChannel() throws Exception {
        ManualProbeClock clock = new ManualProbeClock(0);
        try (SshHost h = host()) {
            MetricsSampler sampler = new MetricsSampler(clock, Runnable::run, 10_000);
            sampler.setTargets(List.of(new SampleTarget("app-1", h, SampleCommand.system(), Sample.Source.SSH)));
            sampler.start();
            clock.advance(10_000);
            assertThat(channels).singleElement();
            sampler.stop();
            await().until(() -> channels.get(0).isClosed());
        }
    }

    @Test
    void aLoopThatStopsAnsweringIsGivenUpAndTheConnectionStaysForOthers() throws Exception {
        try (SshHost h = host()) {
            Conversation c = h.converse(Command.trusted("while read -r k; do echo busy; sleep 600; done"));
            List<String> got = new CopyOnWriteArrayList<>();
            assertThatThrownBy(() -> c.ask("1", "done", got::add, 500)).isInstanceOf(RemoteException.class)
                    .hasMessageContaining("no answer within");
            assertThat(got).first().isEqualTo("busy");
            assertThat(c.isOpen()).isFalse();
            List<String> out = new CopyOnWriteArrayList<>();
            h.run(Command.trusted("echo still here"), out::add);
            assertThat(out).containsExactly("still here");
        }
    }
}
