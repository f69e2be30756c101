package dev.orrery.health;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.DirectConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.Executor;

/**
 * One {@code ssh -L 127.0.0.1:PORT:host:port}: a loopback listener whose connections become
 * {@code direct-tcpip} channels on the balancer's SSH connection. Written here rather than with
 * sshj's {@code LocalPortForwarder} for two reasons a health probe cares about: when the balancer
 * cannot connect to the app (it is dead), the local connection is reset at once, so the probe
 * fails as fast as a direct one would instead of waiting out its timeout; and the accept loop
 * and byte copying run on the Engine's io pool, not on threads of sshj's own.
 */
final class SshForward implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SshForward.class);

    private final SSHClient client;
    private final String host;
    private final int port;
    private final Executor io;
    private final ServerSocket listener;

    SshForward(SSHClient client, String host, int port, Executor io) throws IOException {
        this.client = client;
        this.host = host;
        this.port = port;
        this.io = io;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        io.execute(this::acceptLoop);
    }

    int localPort() {
        return listener.getLocalPort();
    }

    boolean isOpen() {
        return !listener.isClosed();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                io.execute(() -> connect(s));
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    LOG.debug("forward to {}:{} stopped accepting: {}", host, port, e.toString());
                }
                return;
            }
        }
    }

    private void connect(Socket local) {
        DirectConnection channel;
        try {
            channel = client.newDirectConnection(host, port);
        } catch (IOException e) {
            reset(local); // the balancer could not reach the app: fail the probe now
            return;
        }
        io.execute(() -> pump(local, channel, true));
        pump(local, channel, false);
    }

    /** Copies one direction until it ends, then closes both ends. */
    private static void pump(Socket local, DirectConnection channel, boolean outbound) {
        byte[] buf = new byte[8192];
        try {
            InputStream in = outbound ? local.getInputStream() : channel.getInputStream();
            OutputStream out = outbound ? channel.getOutputStream() : local.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // the other side closed; fall through to close both
        } finally {
            closeQuietly(local);
            try {
                channel.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // closing anyway
        }
        closeQuietly(s);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
