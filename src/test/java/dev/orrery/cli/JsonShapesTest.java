package dev.orrery.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.orrery.cloud.FakeApiFixture;
import dev.orrery.deploy.DeployLock;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.Release;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;
import dev.orrery.store.ClusterStore;
import dev.orrery.store.Json;
import dev.orrery.store.OrreryHome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the {@code --json} shapes the README documents: the exact fields of every object, in order.
 * A change here is a change of Orrery's interface for scripts: update the README with it.
 */
class JsonShapesTest {
    @TempDir
    Path dir;

    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private JsonNode json(Map<String, String> env, String... args) throws Exception {
        return Json.mapper().readTree(output(env, "", args));
    }

    /** What the command printed; @param input what it reads on stdin (a webhook URL is asked for, never an argument) */
    private String output(Map<String, String> env, String input, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (CliContext ctx = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new BufferedReader(new StringReader(input)), new OrreryHome(dir.resolve("home")), env, CliSeams.REAL)) {
            exit = OrreryCli.run(args, ctx);
        }
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isIn(0, 1);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<String> fields(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    static final List<String> RELEASE = List.of("id", "label");

    @Test
    void show() throws Exception {
        JsonNode j = json(Map.of(), "show", "assets/examples/crater.json", "--json");
        assertThat(fields(j)).containsExactly("cluster", "app", "balancer", "servers");
        assertThat(fields(j.get("app"))).containsExactly("name", "port", "release");
        assertThat(fields(j.get("balancer"))).containsExactly("kind", "stickiness", "httpPort", "httpsPort", "tlsServerName", "drained");
        assertThat(j.get("servers")).hasSize(5);
        for (JsonNode s : j.get("servers")) {
            assertThat(fields(s)).containsExactly("name", "role", "publicAddress", "privateAddress", "sshUser", "sshPort", "provider",
                    "dropletId", "region", "size", "state", "drained", "release");
        }
        assertThat(j.get("servers").get(1).get("role").asText()).isEqualTo("app");
        assertThat(j.get("balancer").get("kind").asText()).isEqualTo("nginx");
        assertThat(j.get("balancer").get("stickiness").asText()).isEqualTo("ip_hash");
    }

    /** One app server that answers, one that does not, a balancer and a database; a deploy holds the lock. */
    private Path liveCluster() throws Exception {
        return liveCluster(false);
    }

    /** @param sandbox servers of the sandbox (this machine): the lock is a file in the data folder, no SSH */
    private Path liveCluster(boolean sandbox) throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        http.createContext("/health", x -> {
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        http.start();
        closing.add(() -> http.stop(0));
        int port = http.getAddress().getPort();
        Release v3 = new Release("20261201-084551-9f3c2a1b", Release.Kind.NODE, "crater-v3.tgz", "9f3c2a1b", Instant.parse("2026-12-01T08:45:51Z"));
        // One probe decides (rise 1, fall 1); a generous timeout, as the first probe of a JVM is slow.
        HealthCheck quick = new HealthCheck("/health", 200, 1, 1, 10_000);
        Cluster c = new Cluster("crater", new AppSpec("crater", port, Map.of(), List.of(v3)), Balancer.defaults().withHealthCheck(quick), List.of(
                Server.of("lb-1", Role.BALANCER, "127.0.0.3").withState(ServerState.READY),
                Server.of("app-1", Role.APP, "127.0.0.1").withState(ServerState.READY).withRelease(v3.id()),
                Server.of("app-2", Role.APP, "127.0.0.2").withState(ServerState.READY).withRelease(v3.id()),
                Server.of("db-1", Role.DATABASE, "127.0.0.4").withState(ServerState.READY)));
        if (sandbox) {
            for (Server s : c.servers()) {
                c = c.replaceServer(s.name(), s.withProvider(dev.orrery.sandbox.SandboxCluster.PROVIDER, null, "local", null));
            }
        }
        Path file = dir.resolve("crater.json");
        ClusterStore.save(file, c);
        return file;
    }

    @Test
    void status() throws Exception {
        // The sandbox's lock is a file in its folder; a droplet cluster's is on its balancer (ServerClusterLockTest).
        Path file = liveCluster(true);
        java.nio.file.Path locks = dev.orrery.sandbox.SandboxPaths.of(new OrreryHome(dir.resolve("home"))).locksDir();
        try (DeployLock held = DeployLock.acquire(locks, "crater", "deploy of 20261201-084551-9f3c2a1b")) {
            JsonNode j = json(Map.of(), "status", file.toString(), "--json", "--route", "direct");
            assertThat(fields(j)).containsExactly("cluster", "checkedAt", "probeRoute", "probesTimedOut", "lock", "lockError", "servers",
                    "managedBalancer", "reservedIp");
            assertThat(j.get("managedBalancer").isNull()).isTrue();
            assertThat(j.get("reservedIp").isNull()).isTrue();
            assertThat(j.get("lockError").isNull()).isTrue();
            assertThat(fields(j.get("lock"))).containsExactly("holder", "purpose", "since", "stale");
            assertThat(j.get("lock").get("purpose").asText()).isEqualTo("deploy of 20261201-084551-9f3c2a1b");
            assertThat(j.get("lock").get("stale").asBoolean()).isFalse();
            for (JsonNode s : j.get("servers")) {
                assertThat(fields(s)).containsExactly("name", "role", "state", "badge", "tone", "alarm", "lifecycle", "health",
                        "healthDetail", "release", "activity");
            }
            JsonNode app1 = j.get("servers").get(1);
            assertThat(app1.get("state").asText()).isEqualTo("up");
            assertThat(app1.get("badge").asText()).isEqualTo("UP");
            assertThat(app1.get("tone").asText()).isEqualTo("good");
            assertThat(fields(app1.get("release"))).containsExactlyElementsOf(RELEASE);
            assertThat(app1.get("release").get("label").asText()).isEqualTo("v3");
            assertThat(app1.get("release").get("id").asText()).isEqualTo("20261201-084551-9f3c2a1b");
            assertThat(app1.get("activity").isNull()).isTrue();
            JsonNode app2 = j.get("servers").get(2);
            assertThat(app2.get("state").asText()).isEqualTo("down");
            assertThat(app2.get("alarm").asBoolean()).isTrue();
            assertThat(j.get("servers").get(3).get("state").asText()).isEqualTo("not monitored");
            assertThat(j.get("servers").get(3).get("health").isNull()).isTrue();
        }
    }

    @Test
    void healthOnce() throws Exception {
        JsonNode j = json(Map.of(), "health", liveCluster().toString(), "--once", "--json", "--route", "direct");
        assertThat(fields(j)).containsExactly("cluster", "route", "timedOut", "up", "total", "servers");
        assertThat(j.get("up").asInt()).isEqualTo(1);
        assertThat(j.get("total").asInt()).isEqualTo(2);
        for (JsonNode s : j.get("servers")) {
            assertThat(fields(s)).containsExactly("name", "address", "state", "rise", "fall", "lastLatencyMs", "lastResult", "lastChange");
        }
        assertThat(j.get("servers").get(0).get("lastResult").asText()).isEqualTo("HTTP 200");
    }

    @Test
    void sshCheck() throws Exception {
        // Nothing listens on this port: the login fails, which is still a row of the same shape.
        java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        int closed = taken.getLocalPort();
        taken.close();
        Cluster c = new Cluster("crater", new AppSpec("crater", 3000, Map.of(), List.of()), Balancer.defaults(),
                List.of(Server.of("app-1", Role.APP, "127.0.0.1").withSsh("root", closed, null)));
        Path file = dir.resolve("ssh.json");
        ClusterStore.save(file, c);
        JsonNode j = json(Map.of(), "ssh-check", file.toString(), "--json");
        assertThat(fields(j)).containsExactly("knownHosts", "answered", "total", "servers");
        assertThat(fields(j.get("servers").get(0))).containsExactly("name", "target", "ok", "ms", "error", "login", "firewall",
                "init", "cloudFirewall", "appPortFromOutside");
        assertThat(j.get("servers").get(0).get("ok").asBoolean()).isFalse();
        assertThat(j.get("answered").asInt()).isZero();
    }

    @Test
    void digitaloceanListings() throws Exception {
        FakeApiFixture api = new FakeApiFixture();
        closing.add(api::close);
        Map<String, String> env = Map.of("DIGITALOCEAN_API_URL", api.server.url("/").toString(), "DIGITALOCEAN_TOKEN", FakeApiFixture.TOKEN);
        Map<String, List<String>> shapes = Map.of(
                "snapshots", List.of("id", "name", "createdAt", "regions", "minDiskGb"),
                "regions", List.of("slug", "name", "available"),
                "sizes", List.of("slug", "vcpus", "memoryMb", "diskGb", "priceMonthly"),
                "keys", List.of("id", "name", "fingerprint"));
        for (var shape : shapes.entrySet()) {
            JsonNode j = json(env, "digitalocean", shape.getKey(), "--json");
            assertThat(fields(j)).containsExactly(shape.getKey());
            assertThat(j.get(shape.getKey())).isNotEmpty();
            for (JsonNode row : j.get(shape.getKey())) {
                assertThat(fields(row)).as(shape.getKey()).containsExactlyElementsOf(shape.getValue());
            }
        }
    }

    /** A cluster of the sandbox (this machine): {@code metrics --now} samples it locally, no SSH. */
    private Path monitoredCluster() throws Exception {
        Path file = dir.resolve("monitored.json");
        ClusterStore.save(file, new Cluster("crater", new AppSpec("sample", 3000, Map.of(), List.of()), Balancer.defaults(), List.of(
                Server.of("lb-1", Role.BALANCER, "127.0.0.1").withProvider("sandbox", null, null, null).withState(ServerState.READY),
                Server.of("app-1", Role.APP, "127.66.0.2").withProvider("sandbox", null, null, null).withState(ServerState.READY))));
        return file;
    }

    static final List<String> SHOWN_METRICS = List.of("cpu", "steal", "load1", "mem_used", "disk", "io_read", "io_write", "net_rx", "net_tx",
            "app_cpu", "app_rss");

    @Test
    void metrics() throws Exception {
        Path file = monitoredCluster();
        JsonNode j = json(Map.of(), "metrics", file.toString(), "--now", "--json", "--since", "15m");
        assertThat(fields(j)).containsExactly("cluster", "sinceSeconds", "servers");
        assertThat(j.get("servers")).hasSize(2);
        for (JsonNode s : j.get("servers")) {
            assertThat(fields(s)).containsExactly("name", "source", "lastSampleAt", "metrics", "latencyMs");
            assertThat(s.get("source").asText()).isEqualTo("local");
            assertThat(fields(s.get("metrics"))).containsExactlyElementsOf(SHOWN_METRICS);
            for (JsonNode m : s.get("metrics")) {
                assertThat(fields(m)).containsExactly("avg", "max", "last");
            }
            assertThat(fields(s.get("latencyMs"))).containsExactly("avg", "max");
        }
        assertThat(j.at("/servers/0/metrics/mem_used/last").asDouble()).isPositive();

        JsonNode one = json(Map.of(), "metrics", file.toString(), "lb-1", "--json", "--since", "15m");
        assertThat(fields(one)).containsExactly("cluster", "server", "bucketSeconds", "points");
        assertThat(one.get("points")).isNotEmpty();
        for (JsonNode p : one.get("points")) {
            assertThat(fields(p)).containsExactly("t", "cpu", "cpuMax", "load1", "memoryPercent", "diskPercent", "netRxBytesPerSecond",
                    "netTxBytesPerSecond", "appCpu", "appRssBytes", "latencyMs");
        }
    }

    @Test
    void alerts() throws Exception {
        Path file = monitoredCluster();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        receiver.createContext("/hook", x -> {
            x.getRequestBody().readAllBytes();
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        receiver.start();
        closing.add(() -> receiver.stop(0));
        output(Map.of(), "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\n", "alerts", "webhook", "add", file.toString(), "ops");
        assertThat(output(Map.of(), "", "alerts", "test", file.toString())).contains("webhook ops: delivered");

        JsonNode list = json(Map.of(), "alerts", "list", file.toString(), "--json");
        assertThat(fields(list)).containsExactly("cluster", "sampleSeconds", "source", "rules", "webhooks", "firing");
        assertThat(list.get("rules")).isNotEmpty();
        for (JsonNode r : list.get("rules")) {
            assertThat(fields(r)).containsExactly("name", "kind", "threshold", "forSeconds", "clearSeconds", "enabled", "describe");
        }
        assertThat(list.get("webhooks")).singleElement().satisfies(w -> assertThat(fields(w)).containsExactly("name", "format", "urlStored"));
        assertThat(list.get("firing").isArray()).isTrue();

        JsonNode history = json(Map.of(), "alerts", "history", file.toString(), "--json");
        assertThat(history.isArray()).isTrue();
        assertThat(history).singleElement().satisfies(e -> {
            assertThat(fields(e)).containsExactly("status", "cluster", "rule", "kind", "server", "text", "at", "since", "test", "deliveries");
            assertThat(e.get("test").asBoolean()).isTrue();
            assertThat(e.get("deliveries")).singleElement().satisfies(d ->
                    assertThat(fields(d)).containsExactly("channel", "at", "ok", "attempt", "detail"));
        });
    }

    /** The same status as a table: the window's words, health, the short release, and who holds the lock. */
    @Test
    void statusAsATable() throws Exception {
        Path file = liveCluster(true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (CliContext ctx = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new BufferedReader(new StringReader("")), new OrreryHome(dir.resolve("home")), Map.of(), CliSeams.REAL)) {
            exit = OrreryCli.run(new String[]{"status", file.toString(), "--route=direct"}, ctx);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).as("no --timeout message").isEmpty();
        assertThat(text).contains("SERVER", "STATE", "HEALTH", "RELEASE", "ACTIVITY")
                .containsPattern("app-1 +App server +up +up \\(HTTP 200 in [0-9.]+ ms\\) +v3")
                .containsPattern("app-2 +App server +down +down")
                .containsPattern("db-1 +Database +not monitored +not probed")
                .contains("deploy lock: free");
    }

    /** The lock lives on the balancer: when it cannot be reached, the status is still printed and the lock is unknown. */
    @Test
    void statusWithAnUnreachableBalancerSaysTheLockIsUnknown() throws Exception {
        Path file = liveCluster(false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (CliContext ctx = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new BufferedReader(new StringReader("")), new OrreryHome(dir.resolve("home")), Map.of(), CliSeams.REAL)) {
            exit = OrreryCli.run(new String[]{"status", file.toString(), "--route=direct"}, ctx);
        }
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).containsPattern("^orrery status: cannot read the (cluster's )?lock").containsOnlyOnce("cannot read");
        assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("app-1 +App server +up").contains("deploy lock: unknown (");
    }
}
