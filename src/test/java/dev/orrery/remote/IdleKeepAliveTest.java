package dev.orrery.remote;

import net.schmizz.sshj.SSHClient;
import org.apache.sshd.common.channel.RequestHandler;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.ConnectionServiceRequestHandler;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static dev.orrery.remote.IdleKeepAlive.Tick.ALIVE;
import static dev.orrery.remote.IdleKeepAlive.Tick.ASK;
import static dev.orrery.remote.IdleKeepAlive.Tick.DEAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Orrery's keep-alive ({@link IdleKeepAlive}) on a real sshj connection to an in-process MINA
 * SSHD that answers {@code keepalive@openssh.com} with "request failed", as OpenSSH does: a quiet
 * server is asked, and its failure reply counts as an answer; a server that stops answering (a
 * relay between the two that stops passing bytes, the connection still open — a dead peer, not a
 * reset) is dropped after the set number of unanswered asks. (A reset connection is noticed by
 * the reads themselves: {@code SshHostMinaTest}, {@code SshHostIT}.)
 */
class IdleKeepAliveTest {
    private static final long S = TimeUnit.SECONDS.toNanos(1);

    @TempDir
    Path dir;
    private SshServer server;
    private Path clientKey;
    private final AtomicInteger asked = new AtomicInteger();
    private final List<AutoCloseable> open = new ArrayList<>();

    @Test
    void aTickAsksOnlyAfterAWholeQuietIntervalAndGivesUpAfterMaxMissed() {
        assertThat(IdleKeepAlive.decide(14 * S, 15 * S, 0, 4)).as("the server spoke within the interval").isEqualTo(ALIVE);
        assertThat(IdleKeepAlive.decide(14 * S, 15 * S, 3, 4)).as("any byte is an answer").isEqualTo(ALIVE);
        assertThat(IdleKeepAlive.decide(15 * S, 15 * S, 0, 4)).isEqualTo(ASK);
        assertThat(IdleKeepAlive.decide(60 * S, 15 * S, 3, 4)).isEqualTo(ASK);
        assertThat(IdleKeepAlive.decide(75 * S, 15 * S, 4, 4)).isEqualTo(DEAD);
    }

    @BeforeEach
    void startServer() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair pair = g.generateKeyPair();
        clientKey = dir.resolve("id_rsa.pem");
        Files.writeString(clientKey, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(dir.resolve("hostkey.ser")));
        server.setPublickeyAuthenticator((user, key, session) -> Arrays.equals(key.getEncoded(), pair.getPublic().getEncoded()));
        // OpenSSH's sshd knows no keepalive@openssh.com: it answers "request failed"
        server.setGlobalRequestHandlers(List.of(new ConnectionServiceRequestHandler() {
            @Override
            public RequestHandler.Result process(ConnectionService service, String request, boolean wantReply, Buffer buffer) {
                if (request.equals("keepalive@openssh.com")) {
                    asked.incrementAndGet();
                    return RequestHandler.Result.ReplyFailure;
                }
                return RequestHandler.Result.Unsupported;
            }
        }));
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        server.stop(true);
    }

    private SSHClient connect(int port, int maxMissed) throws RemoteException {
        SshConnector c = new SshConnector(SshSettings.defaults().withKeepAlive(Duration.ofSeconds(1), maxMissed),
                new OrreryKnownHosts(dir.resolve("known_hosts"), List.of()), HostKeyPrompt.ACCEPT_NEW, PassphrasePrompt.NONE, null);
        SSHClient client = c.connect(SshTarget.of("mina", "127.0.0.1", port, "deploy", clientKey));
        open.add(client);
        return client;
    }

    @Test
    void aQuietServerIsAskedAndItsFailureReplyCountsAsAnAnswer() throws Exception {
        SSHClient client = connect(server.getPort(), 3);

        // Five asks with three allowed unanswered in a row: only answered ones let a fifth be sent
        // (three, not one: a loaded machine may take over a second to read an answer).
        await("five keep-alive requests, or the connection given up").atMost(Duration.ofMinutes(5))
                .until(() -> asked.get() >= 5 || !client.getTransport().isRunning());

        assertThat(client.isConnected()).isTrue();
        assertThat(client.getTransport().isRunning()).isTrue();
    }

    @Test
    void aServerThatStopsAnsweringIsDroppedAfterTheUnansweredAsks() throws Exception {
        Relay relay = new Relay(server.getPort());
        open.add(relay);
        SSHClient client = connect(relay.port(), 2);
        AtomicReference<String> why = new AtomicReference<>();
        client.getTransport().setDisconnectListener((reason, message) -> why.set(reason + ": " + message));

        relay.freeze(); // the connection stays open; nothing passes any more

        await("the connection given up").atMost(Duration.ofMinutes(5)).until(() -> !client.getTransport().isRunning());
        assertThat(why.get()).contains("CONNECTION_LOST").contains("no answer from the server to 2 keep-alive requests");
    }

    /** A TCP relay to the server whose {@link #freeze} stops passing bytes both ways while keeping both connections open. */
    private static final class Relay implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final List<Socket> sockets = new ArrayList<>();
        private final CountDownLatch thaw = new CountDownLatch(1);
        private volatile boolean frozen;

        Relay(int serverPort) throws IOException {
            Thread t = new Thread(() -> {
                try {
                    Socket client = listener.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), serverPort);
                    synchronized (sockets) {
                        sockets.add(client);
                        sockets.add(upstream);
                    }
                    pump(client.getInputStream(), upstream.getOutputStream());
                    pump(upstream.getInputStream(), client.getOutputStream());
                } catch (IOException closed) {
                    // the test is over
                }
            }, "relay-accept");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        void freeze() {
            frozen = true;
        }

        private void pump(InputStream in, OutputStream out) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[16384];
                try {
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        if (frozen) {
                            thaw.await(); // held, never passed on: a peer that has gone silent
                        }
                        out.write(buf, 0, n);
                        out.flush();
                    }
                } catch (IOException | InterruptedException closed) {
                    // the test is over
                }
            }, "relay-pump");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            thaw.countDown();
            listener.close();
            synchronized (sockets) {
                for (Socket s : sockets) {
                    s.close();
                }
            }
        }
    }
}
