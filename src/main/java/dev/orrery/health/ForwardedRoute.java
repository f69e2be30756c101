package dev.orrery.health;

import dev.orrery.model.Server;
import dev.orrery.remote.RemoteException;
import dev.orrery.remote.SshConnector;
import dev.orrery.remote.SshTarget;
import net.schmizz.sshj.SSHClient;

import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Probes through the balancer: for each app server a local port on 127.0.0.1 is forwarded over
 * one SSH connection to the balancer ({@code ssh -L}), to the server's internal address and app
 * port, and the probe GETs the local port. For app servers on a private network only the
 * balancer can reach — exactly the seed's layout.
 *
 * <p>The connection is Orrery's own (opened with the same {@link SshConnector}, so the same
 * known-hosts check and keys), apart from the one jobs use, so a long deploy never queues behind
 * probes or the other way round. See {@link SshForward} for how each forward works. A dropped
 * connection is re-opened on the next probe, and its forwards with it; the probes in between
 * fail, which is what they should do.
 */
public final class ForwardedRoute implements ProbeRoute {

    private final SshConnector connector;
    private final SshTarget balancer;
    private final Executor io;
    private final Map<String, SshForward> forwards = new HashMap<>();
    private SSHClient client;
    private boolean closed;

    public ForwardedRoute(SshConnector connector, SshTarget balancer, Executor io) {
        this.connector = connector;
        this.balancer = balancer;
        this.io = io;
    }

    @Override
    public String describe() {
        return "through " + balancer.label() + " (SSH port forwarding)";
    }

    @Override
    public synchronized URI target(Server server, int appPort, String path) throws IOException {
        if (closed) {
            throw new IOException("the forwarded route was closed");
        }
        connect();
        String key = server.internalAddress() + ":" + appPort;
        SshForward f = forwards.get(key);
        if (f == null || !f.isOpen()) {
            // validate the address and port before they reach the balancer
            DirectRoute.url(server.internalAddress(), appPort, path);
            f = new SshForward(client, server.internalAddress(), appPort, io);
            forwards.put(key, f);
        }
        return DirectRoute.url("127.0.0.1", f.localPort(), path);
    }

    private void connect() throws IOException {
        if (client != null && client.isConnected() && client.isAuthenticated()) {
            return;
        }
        forwards.values().forEach(SshForward::close);
        forwards.clear();
        if (client != null) {
            try {
                client.close();
            } catch (IOException ignored) {
                // it is broken already
            }
        }
        client = null;
        try {
            client = connector.connect(balancer);
        } catch (RemoteException e) {
            throw new IOException("cannot reach " + balancer.label() + " over SSH: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void forget(Server server) {
        forwards.entrySet().removeIf(e -> {
            if (e.getKey().startsWith(server.internalAddress() + ":")) {
                e.getValue().close();
                return true;
            }
            return false;
        });
    }

    @Override
    public synchronized void close() {
        closed = true;
        forwards.values().forEach(SshForward::close);
        forwards.clear();
        if (client != null) {
            try {
                client.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            client = null;
        }
    }
}
