package dev.orrery.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.orrery.cloud.FakeApiFixture;
import dev.orrery.cloud.fake.FakeDroplet;
import dev.orrery.engine.ManagedBalancerJob;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Failover;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.ManagedBalancer;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;
import dev.orrery.model.Stickiness;
import dev.orrery.store.ClusterStore;
import dev.orrery.store.OrreryHome;
import dev.orrery.task.Progress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code orrery status} beyond the servers: a DigitalOcean Load Balancer's status from the (fake)
 * API, and a failover pair's reserved IP and its holder — text and JSON, both through ServerLook.
 */
class StatusBalancerCliTest {
    @TempDir
    Path dir;

    private final FakeApiFixture api = new FakeApiFixture();
    private final List<AutoCloseable> closing = new ArrayList<>();

    StatusBalancerCliTest() throws Exception {
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        api.close();
    }

    private CliOnFakeApi.Run run(String... args) throws Exception {
        return new CliOnFakeApi(api, dir.resolve("home")).run(args);
    }

    /** An app that answers its health check on this machine, so the probes decide at once. */
    private int app() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        http.createContext("/health", x -> {
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        http.start();
        closing.add(() -> http.stop(0));
        return http.getAddress().getPort();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Server server(String name, Role role, String address, int sshPort, long dropletId) {
        return new Server(name, role, address, address, "root", sshPort, null, "digitalocean", String.valueOf(dropletId), "nyc3",
                "s-1vcpu-1gb", ServerState.READY, null);
    }

    @Test
    void aManagedBalancerShowsTheApiStatusAsTheWindowDoes() throws Exception {
        int port = app();
        FakeDroplet d = api.fake.droplet("crater-app-1", List.of());
        Balancer b = new Balancer(BalancerKind.DO_LOAD_BALANCER, Stickiness.COOKIE, new HealthCheck("/health", 200, 1, 1, 10_000),
                null, 80, 443, List.of()).withManaged(ManagedBalancer.in("nyc3"));
        Cluster c = new Cluster("crater", new AppSpec("crater", port, null, null), b, List.of(server("app-1", Role.APP, "127.0.0.1", 22, d.id())));
        Path file = dir.resolve("crater.json");
        ClusterStore.save(file, c);

        CliOnFakeApi.Run none = run("status", file.toString(), "--route=direct");
        assertThat(none.out()).contains("balancer DigitalOcean Load Balancer")
                .contains("managed balancer orrery-crater: managed · status unknown — ").contains("no load balancer named orrery-crater");

        api.fake.loadBalancers().readsUntilActive(1);
        new ManagedBalancerJob(c, api::client).run(Progress.NONE);
        CliOnFakeApi.Run text = run("status", file.toString(), "--route=direct");
        assertThat(text.out()).containsPattern("managed balancer orrery-crater: managed · active — DigitalOcean Load Balancer active: "
                + "[0-9.]+ · 1 droplet\\(s\\) behind it");

        JsonNode j = new ObjectMapper().readTree(run("status", file.toString(), "--route=direct", "--json").out());
        JsonNode m = j.get("managedBalancer");
        assertThat(m.get("name").asText()).isEqualTo("orrery-crater");
        assertThat(m.get("badge").asText()).isEqualTo("ACTIVE");
        assertThat(m.get("state").asText()).isEqualTo("managed · active");
        assertThat(m.get("apiStatus").asText()).isEqualTo("active");
        assertThat(m.get("tone").asText()).isEqualTo("good");
        assertThat(m.get("ip").asText()).matches("[0-9.]+");
        assertThat(j.get("reservedIp").isNull()).isTrue();

        api.fake.loadBalancers().error(api.fake.loadBalancers().idByName("orrery-crater").orElseThrow());
        JsonNode errored = new ObjectMapper().readTree(run("status", file.toString(), "--route=direct", "--json").out()).get("managedBalancer");
        assertThat(errored.get("badge").asText()).isEqualTo("ERRORED");
        assertThat(errored.get("alarm").asBoolean()).isTrue();
    }

    @Test
    void aFailoverPairShowsTheReservedIpAndWhichBalancerHoldsIt() throws Exception {
        int port = app();
        int noSsh = closedPort();
        FakeDroplet lb1 = api.fake.droplet("crater-lb-1", List.of());
        FakeDroplet lb2 = api.fake.droplet("crater-lb-2", List.of());
        api.fake.reservedIps().add("198.51.100.50", "nyc3", lb2.id());
        Balancer b = new Balancer(BalancerKind.NGINX, Stickiness.IP_HASH, new HealthCheck("/health", 200, 1, 1, 10_000), null, 80, 443, List.of())
                .withFailover(Failover.of("198.51.100.50"));
        // The balancers' SSH port is closed: keepalived's state there reads as unknown, what the API says still shows.
        Cluster c = new Cluster("crater", new AppSpec("crater", port, null, null), b, List.of(
                server("lb-1", Role.BALANCER, "127.0.0.3", noSsh, lb1.id()),
                server("lb-2", Role.BALANCER, "127.0.0.5", noSsh, lb2.id()),
                server("app-1", Role.APP, "127.0.0.1", noSsh, 3164401)));
        Path file = dir.resolve("crater.json");
        ClusterStore.save(file, c);

        CliOnFakeApi.Run text = run("status", file.toString(), "--route=direct");
        assertThat(text.out()).contains("(failover pair)")
                .containsPattern("lb-1 +Load balancer +standby · keepalived UNKNOWN")
                .containsPattern("lb-2 +Load balancer +holds 198.51.100.50 · keepalived UNKNOWN")
                .contains("reserved IP 198.51.100.50: held by lb-2 — The API routes 198.51.100.50 to lb-2, but its keepalived is UNKNOWN.");

        JsonNode r = new ObjectMapper().readTree(run("status", file.toString(), "--route=direct", "--json").out()).get("reservedIp");
        assertThat(r.get("ip").asText()).isEqualTo("198.51.100.50");
        assertThat(r.get("holder").asText()).isEqualTo("lb-2");
        assertThat(r.get("tone").asText()).isEqualTo("warning");
        assertThat(r.get("error").isNull()).isTrue();

        // The address moves (keepalived's notify script on lb-1 would do this through the API): status follows.
        api.client().reservedIps().assign("198.51.100.50", lb1.id());
        JsonNode moved = new ObjectMapper().readTree(run("status", file.toString(), "--route=direct", "--json").out()).get("reservedIp");
        assertThat(moved.get("holder").asText()).isEqualTo("lb-1");
        assertThat(moved.get("state").asText()).isEqualTo("198.51.100.50 → lb-1");
    }

    @Test
    void aFailoverPairWithoutATokenSaysWhyItIsUnknown() throws Exception {
        int port = app();
        int noSsh = closedPort();
        Balancer b = new Balancer(BalancerKind.NGINX, Stickiness.IP_HASH, new HealthCheck("/health", 200, 1, 1, 10_000), null, 80, 443, List.of())
                .withFailover(Failover.of("198.51.100.50"));
        Cluster c = new Cluster("crater", new AppSpec("crater", port, null, null), b, List.of(
                server("lb-1", Role.BALANCER, "127.0.0.3", noSsh, 3164400), server("lb-2", Role.BALANCER, "127.0.0.5", noSsh, 3164401),
                server("app-1", Role.APP, "127.0.0.1", noSsh, 3164402)));
        Path file = dir.resolve("crater.json");
        ClusterStore.save(file, c);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CliContext ctx = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new BufferedReader(new StringReader("")), new OrreryHome(dir.resolve("home")), Map.of(), CliSeams.REAL)) {
            OrreryCli.run(new String[]{"status", file.toString(), "--route=direct"}, ctx);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("reserved IP 198.51.100.50 unknown (").contains("no DigitalOcean token");
    }
}
