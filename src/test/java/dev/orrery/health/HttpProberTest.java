package dev.orrery.health;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The prober's classification against a JDK HTTP server and raw sockets on loopback. */
class HttpProberTest {
    private HttpServer server;
    private ExecutorService io;
    private HttpProber prober;

    @BeforeEach
    void setUp() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", x -> { x.sendResponseHeaders(200, -1); x.close(); });
        server.createContext("/moved", x -> { x.getResponseHeaders().add("Location", "/nowhere"); x.sendResponseHeaders(302, -1); x.close(); });
        server.createContext("/broken", x -> { x.sendResponseHeaders(503, -1); x.close(); });
        server.start();
        io = Executors.newCachedThreadPool();
        prober = new HttpProber(io, 1000);
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
        io.shutdownNow();
    }

    private ProbeResult probe(String path, int port, int timeoutMs) throws Exception {
        return prober.probe(URI.create("http://127.0.0.1:" + port + path), timeoutMs).get(5, TimeUnit.MINUTES);
    }

    @Test
    void twoXxAndThreeXxAreAliveAndRedirectsAreNotFollowed() throws Exception {
        int port = server.getAddress().getPort();
        ProbeResult ok = probe("/ok", port, 1000);
        assertThat(ok.outcome()).isEqualTo(Outcome.OK);
        assertThat(ok.latencyMs()).isPositive();
        ProbeResult moved = probe("/moved", port, 1000);
        assertThat(moved.outcome()).isEqualTo(Outcome.OK);
        assertThat(moved.status()).isEqualTo(302);
    }

    @Test
    void fiveXxAndFourXxAreFailures() throws Exception {
        int port = server.getAddress().getPort();
        assertThat(probe("/broken", port, 1000).outcome()).isEqualTo(Outcome.BAD_STATUS);
        ProbeResult missing = probe("/missing", port, 1000);
        assertThat(missing.outcome()).isEqualTo(Outcome.BAD_STATUS);
        assertThat(missing.detail()).isEqualTo("HTTP 404");
    }

    @Test
    void aClosedPortIsRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThat(probe("/", port, 1000).outcome()).isEqualTo(Outcome.REFUSED);
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket s = silent.accept()) {
                    // never answers: reads the request and waits until the prober gives up and closes
                    while (s.getInputStream().read() >= 0) {
                        // the request's bytes, then nothing
                    }
                } catch (Exception ignored) {
                    // closed by the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            ProbeResult r = probe("/", silent.getLocalPort(), 300);
            assertThat(r.outcome()).isEqualTo(Outcome.TIMEOUT);
            assertThat(r.latencyMs()).isGreaterThanOrEqualTo(250);
        }
    }
}
