package dev.orrery.deploy;

import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.Failover;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.Stickiness;
import dev.orrery.remote.Command;
import dev.orrery.remote.ExecResult;
import dev.orrery.remote.Host;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.LocalHost;
import dev.orrery.remote.RemoteException;
import dev.orrery.remote.UploadListener;
import dev.orrery.testing.RequiresCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rollout's order reads the client connections of both balancers of a failover pair: after a
 * failover the clients are on the second one, and the first (dead) cannot be read. Real {@code ss}
 * on this machine, over a real connection to a port standing for the balancer's.
 */
@RequiresCommands("ss")
class PairClientsTest {
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    /** A balancer whose host cannot be reached (it died; the reserved IP moved to the other). */
    private static Host dead(String name) {
        return new Host() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ExecResult exec(Command command, LineListener output) throws RemoteException {
                throw new RemoteException(name, "cannot connect: No route to host", null);
            }

            @Override
            public void upload(Path local, String remotePath, UploadListener progress) throws RemoteException {
                throw new RemoteException(name, "cannot connect", null);
            }

            @Override
            public void write(byte[] content, String remotePath) throws RemoteException {
                throw new RemoteException(name, "cannot connect", null);
            }

            @Override
            public void close() {
            }
        };
    }

    /** A client connected to the balancer's port from 127.0.0.7; returns the port. */
    private int connectedClient() throws Exception {
        ServerSocket listen = new ServerSocket(0, 8, InetAddress.getByName("127.0.0.1"));
        closing.add(listen);
        Socket client = new Socket(InetAddress.getByName("127.0.0.1"), listen.getLocalPort(), InetAddress.getByName("127.0.0.7"), 0);
        closing.add(client);
        closing.add(listen.accept());
        return listen.getLocalPort();
    }

    private static Cluster pair(int httpPort) {
        Balancer d = Balancer.defaults();
        Balancer b = new Balancer(d.kind(), Stickiness.IP_HASH, d.healthCheck(), null, httpPort, httpPort + 1, List.of(), List.of(),
                Failover.of("198.51.100.50"));
        return new Cluster("crater", new AppSpec("crater", 3000, Map.of(), null), b, List.of(
                Server.of("lb-1", Role.BALANCER, "198.51.100.1"), Server.of("lb-2", Role.BALANCER, "198.51.100.2"),
                Server.of("app-1", Role.APP, "198.51.100.11"), Server.of("app-2", Role.APP, "198.51.100.12")));
    }

    @Test
    void afterAFailoverTheClientsAreReadFromTheSecondBalancer() throws Exception {
        Cluster c = pair(connectedClient());
        BalancerControl control = BalancerControls.forCluster(c, s -> s.name().equals("lb-1") ? dead("lb-1") : new LocalHost("lb-2"));
        assertThat(control.clientAddresses()).contains("127.0.0.7");
    }

    @Test
    void whenNeitherBalancerCanBeReadTheOrderIsUnknown() {
        Cluster c = pair(8080);
        BalancerControl control = BalancerControls.forCluster(c, s -> dead(s.name()));
        assertThatThrownBy(control::clientAddresses).isInstanceOf(RemoteException.class).hasMessageContaining("lb-1");
    }
}
