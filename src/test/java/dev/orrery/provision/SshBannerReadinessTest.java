package dev.orrery.provision;

import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.task.CancelledException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SSH wait over real loopback TCP: a listener that speaks the SSH identification line, or not. */
class SshBannerReadinessTest {

    private static Server at(int port) {
        return Server.of("app-2", Role.APP, "127.0.0.1").withSsh("root", port, null);
    }

    @Test
    void returnsOnceTheServerAnswersWithAnSshBanner() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> serve(listener, "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"));
            t.setDaemon(true);
            t.start();
            RecordingProgress p = new RecordingProgress();
            String result = new SshBannerReadiness(Duration.ofMillis(50)).awaitAndRecordHostKey(at(listener.getLocalPort()), Duration.ofSeconds(20), p);
            assertThat(result).contains("SSH-2.0-OpenSSH_9.2p1");
            assertThat(p.logs).anyMatch(l -> l.contains("answers SSH"));
        }
    }

    @Test
    void somethingElseOnThePortIsNotSsh() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                for (int i = 0; i < 50 && !listener.isClosed(); i++) {
                    serve(listener, "HTTP/1.1 400 Bad Request\r\n");
                }
            });
            t.setDaemon(true);
            t.start();
            assertThatThrownBy(() -> new SshBannerReadiness(Duration.ofMillis(100))
                    .awaitAndRecordHostKey(at(listener.getLocalPort()), Duration.ofMillis(500), new RecordingProgress()))
                    .hasMessageContaining("which is not SSH");
        }
    }

    @Test
    void cancelStopsTheWait() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        RecordingProgress p = new RecordingProgress();
        p.cancel();
        assertThatThrownBy(() -> new SshBannerReadiness(Duration.ofMillis(50)).awaitAndRecordHostKey(at(closedPort), Duration.ofMinutes(5), p))
                .isInstanceOf(CancelledException.class);
    }

    private static void serve(ServerSocket listener, String line) {
        try (Socket s = listener.accept(); OutputStream out = s.getOutputStream()) {
            out.write(line.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException ignored) {
            // the test closed the listener
        }
    }
}
