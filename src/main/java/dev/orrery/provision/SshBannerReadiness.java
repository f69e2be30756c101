package dev.orrery.provision;

import dev.orrery.model.Server;
import dev.orrery.task.CancelledException;
import dev.orrery.task.Progress;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits until the new server's sshd answers with its identification line ({@code SSH-2.0-…}),
 * trying every couple of seconds while the droplet boots. It does not record the host key: that
 * is the remote layer's known_hosts, which the engine wires in its place once it is there; until
 * then the key is learned on the first SSH connection.
 */
public final class SshBannerReadiness implements Seams.SshReadiness {
    private static final int CONNECT_TIMEOUT_MS = 3000;
    private final Duration retryEvery;

    public SshBannerReadiness(Duration retryEvery) {
        this.retryEvery = retryEvery;
    }

    @Override
    public String awaitAndRecordHostKey(Server server, Duration timeout, Progress progress) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer yet";
        while (true) {
            if (progress.cancelled()) {
                throw new CancelledException();
            }
            try {
                String banner = banner(server.publicAddress(), server.sshPort());
                if (banner.startsWith("SSH-")) {
                    progress.log(server.name() + " answers SSH: " + banner);
                    return "not recorded (" + banner + "); the host key is learned on the first connection";
                }
                last = "answered \"" + banner + "\", which is not SSH";
            } catch (IOException e) {
                last = e.getMessage();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("SSH on " + server.publicAddress() + ":" + server.sshPort() + " did not answer within "
                        + timeout.toSeconds() + " s (" + last + ")");
            }
            Thread.sleep(retryEvery.toMillis());
        }
    }

    static String banner(String host, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            s.setSoTimeout(CONNECT_TIMEOUT_MS);
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c; line.length() < 255 && (c = in.read()) != -1 && c != '\n'; ) {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }
    }
}
