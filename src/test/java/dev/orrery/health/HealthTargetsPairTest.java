package dev.orrery.health;

import com.sun.net.httpserver.HttpServer;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.Failover;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Probes through a failover pair's balancers: when the first balancer cannot be reached (its host
 * died and the reserved IP moved), the probes go through the second and the app servers are seen
 * as they are, not all down. A real app answering over HTTP; the route through the dead balancer
 * fails as ForwardedRoute does when SSH to it cannot be opened.
 */
class HealthTargetsPairTest {
    private final ExecutorService io = Executors.newCachedThreadPool();
    private HttpServer app;
    private final List<String> tried = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop(0);
        }
        io.shutdownNow();
    }

    private int app() throws IOException {
        app = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        app.createContext("/health", x -> {
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        app.start();
        return app.getAddress().getPort();
    }

    private static Cluster pair(int port) {
        Balancer b = Balancer.defaults().withFailover(Failover.of("198.51.100.50"));
        return new Cluster("crater", new AppSpec("crater", port, Map.of(), null), b, List.of(
                Server.of("lb-1", Role.BALANCER, "198.51.100.1"), Server.of("lb-2", Role.BALANCER, "198.51.100.2"),
                Server.of("app-1", Role.APP, "127.0.0.1")));
    }

    /** Through {@code lb}: the dead one cannot be reached; the live one forwards to the app (here: straight to it). */
    private ProbeRoute through(Server lb, String dead) {
        return new ProbeRoute() {
            @Override
            public String describe() {
                return "through " + lb.name();
            }

            @Override
            public URI target(Server server, int appPort, String path) throws IOException {
                tried.add(lb.name());
                if (lb.name().equals(dead)) {
                    throw new IOException("cannot reach " + lb.name() + " over SSH: connection refused");
                }
                return DirectRoute.url(server.internalAddress(), appPort, path);
            }
        };
    }

    private ProbeResult probe(ProbeRoute route, Cluster c) throws Exception {
        Server app1 = c.server("app-1").orElseThrow();
        return new HttpProber(io, 60_000)
                .probe(route.target(app1, c.app().port(), "/health"), 60_000).get(5, TimeUnit.MINUTES);
    }

    @Test
    void whenTheFirstBalancerIsDownTheProbesGoThroughTheSecond() throws Exception {
        Cluster c = pair(app());
        ProbeRoute route = HealthTargets.throughBalancers(c, lb -> through(lb, "lb-1")).get();

        assertThat(probe(route, c).outcome()).isEqualTo(Outcome.OK);
        assertThat(route.describe()).startsWith("through lb-2");
        // It keeps to the balancer that worked: the dead one is not tried again on every probe.
        tried.clear();
        assertThat(probe(route, c).outcome()).isEqualTo(Outcome.OK);
        assertThat(tried).containsExactly("lb-2");
    }

    @Test
    void theFirstBalancerIsUsedWhileItCanBeReachedAndTheSecondTakesOverWhenItDies() throws Exception {
        Cluster c = pair(app());
        String[] dead = {"none"};
        ProbeRoute route = HealthTargets.throughBalancers(c, lb -> new ProbeRoute() {
            @Override
            public String describe() {
                return "through " + lb.name();
            }

            @Override
            public URI target(Server server, int appPort, String path) throws IOException {
                return through(lb, dead[0]).target(server, appPort, path);
            }
        }).get();
        assertThat(probe(route, c).outcome()).isEqualTo(Outcome.OK);
        assertThat(tried).containsExactly("lb-1");

        dead[0] = "lb-1";
        assertThat(probe(route, c).outcome()).isEqualTo(Outcome.OK);
        assertThat(route.describe()).startsWith("through lb-2");
    }

    @Test
    void whenNeitherCanBeReachedTheProbeFailsWithTheFirstReason() {
        Cluster c = pair(8080);
        ProbeRoute route = HealthTargets.throughBalancers(c, lb -> new ProbeRoute() {
            @Override
            public String describe() {
                return "through " + lb.name();
            }

            @Override
            public URI target(Server server, int appPort, String path) throws IOException {
                throw new IOException("cannot reach " + lb.name() + " over SSH");
            }
        }).get();
        assertThatThrownBy(() -> route.target(c.server("app-1").orElseThrow(), 8080, "/health"))
                .isInstanceOf(IOException.class).hasMessageContaining("cannot reach lb-1");
    }

    @Test
    void aSingleBalancerIsTheOnlyRouteAndNoBalancerIsNone() {
        Cluster c = pair(8080);
        Cluster one = new Cluster("crater", c.app(), Balancer.defaults(), List.of(c.servers().get(0), c.servers().get(2)));
        assertThat(HealthTargets.throughBalancers(one, lb -> through(lb, "")).get().describe()).isEqualTo("through lb-1");
        Cluster none = new Cluster("crater", c.app(), Balancer.defaults(), List.of(c.servers().get(2)));
        assertThat(HealthTargets.throughBalancers(none, lb -> through(lb, ""))).isNull();
    }
}
