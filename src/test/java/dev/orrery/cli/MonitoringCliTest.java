package dev.orrery.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;
import dev.orrery.store.ClusterStore;
import dev.orrery.store.OrreryHome;
import dev.orrery.testing.CliRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code orrery metrics} and {@code orrery alerts …} on a sandbox-like cluster whose servers are this machine. */
class MonitoringCliTest {
    @TempDir
    Path dir;
    OrreryHome home;
    Path file;

    @BeforeAll
    static void noKeyring() {
        System.setProperty("orrery.secrets", "file"); // never a developer's real keyring
    }

    @AfterAll
    static void keyringAgain() {
        System.clearProperty("orrery.secrets");
    }

    @BeforeEach
    void cluster() throws Exception {
        home = new OrreryHome(dir.resolve("home"));
        file = dir.resolve("crater.json");
        ClusterStore.save(file, new Cluster("crater", new AppSpec("sample", 3000, Map.of(), List.of()), Balancer.defaults(), List.of(
                Server.of("lb-1", Role.BALANCER, "127.0.0.1").withProvider("sandbox", null, null, null).withState(ServerState.READY),
                Server.of("app-1", Role.APP, "127.66.0.2").withProvider("sandbox", null, null, null).withState(ServerState.READY))));
    }

    @Test
    void metricsSaysWhereSamplesComeFromWhenThereAreNone() {
        CliRun r = CliRun.run(home, "metrics", file.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("no samples").contains("`--now` takes one now");
    }

    @Test
    void metricsNowSamplesStoresAndPrintsTableJsonAndOneServer() throws Exception {
        CliRun now = CliRun.run(home, "metrics", file.toString(), "--now");
        assertThat(now.exit()).as(now.err()).isZero();
        assertThat(now.out()).contains("lb-1").contains("app-1").contains("local").doesNotContain("no samples");
        // the samples were stored: a later run reads them without sampling
        CliRun json = CliRun.run(home, "metrics", file.toString(), "--json", "--since", "15m");
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.get("cluster").asText()).isEqualTo("crater");
        assertThat(root.get("sinceSeconds").asLong()).isEqualTo(900);
        JsonNode lb = root.get("servers").get(0);
        assertThat(lb.get("name").asText()).isEqualTo("lb-1");
        assertThat(lb.get("source").asText()).isEqualTo("local");
        assertThat(lb.at("/metrics/cpu/last").asDouble()).isBetween(0.0, 100.0);
        assertThat(lb.at("/metrics/mem_used/last").asDouble()).isPositive();
        CliRun one = CliRun.run(home, "metrics", file.toString(), "app-1", "--since", "1h");
        assertThat(one.exit()).isZero();
        assertThat(one.out()).startsWith("app-1 of crater, last 1h, one row per");
        assertThat(CliRun.run(home, "metrics", file.toString(), "app-9").exit()).isEqualTo(2);
        assertThat(CliRun.run(home, "metrics", file.toString(), "--since", "soon").exit()).isEqualTo(2);
        assertThat(CliRun.run(home, "metrics", "no-such-cluster").err()).contains("no cluster file no-such-cluster");
    }

    @Test
    void rulesAreListedAndEditedInTheClusterFileAndBadValuesChangeNothing() throws Exception {
        CliRun list = CliRun.run(home, "alerts", "list", file.toString());
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("CPU over 90% for 5 min").contains("disk over 85%").contains("Firing now: nothing.");

        CliRun set = CliRun.run(home, "alerts", "set", file.toString(), "cpu", "--threshold", "80", "--for", "1m");
        assertThat(set.exit()).as(set.err()).isZero();
        assertThat(set.out()).contains("CPU over 80% for 1 min");
        assertThat(ClusterStore.load(file).monitoringSettings().rule("cpu").orElseThrow().forSeconds()).isEqualTo(60);

        String before = Files.readString(file);
        CliRun bad = CliRun.run(home, "alerts", "set", file.toString(), "cpu", "--threshold", "120");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("monitoring.rules[1].threshold").contains("nothing was changed");
        assertThat(Files.readString(file)).isEqualTo(before);
        assertThat(CliRun.run(home, "alerts", "set", file.toString(), "cpu-hot").exit()).isEqualTo(2);

        CliRun added = CliRun.run(home, "alerts", "set", file.toString(), "cpu-critical", "--kind", "cpu", "--threshold", "98", "--for", "30s");
        assertThat(added.out()).contains("CPU over 98% for 30 s");
        CliRun off = CliRun.run(home, "alerts", "set", file.toString(), "memory", "--off");
        assertThat(off.out()).contains("(off)");
        JsonNode json = new ObjectMapper().readTree(CliRun.run(home, "alerts", "list", file.toString(), "--json").out());
        assertThat(json.get("rules").findValuesAsText("name")).contains("cpu-critical");
    }

    @Test
    void aWebhookUrlIsASecretAndTestSaysWhetherItArrived() throws Exception {
        List<String> got = new CopyOnWriteArrayList<>();
        int[] status = {200};
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/services/T0/B0/secretpart", ex -> {
            got.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(status[0], -1);
            ex.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/services/T0/B0/secretpart";
            assertThat(CliRun.runWithInput(home, "ftp://nope\n", "alerts", "webhook", "add", file.toString(), "ops").err())
                    .contains("must start with https://");
            CliRun add = CliRun.runWithInput(home, url + "\n", "alerts", "webhook", "add", file.toString(), "ops", "--format", "slack");
            assertThat(add.exit()).as(add.err()).isZero();
            assertThat(Files.readString(file)).contains("\"ops\"").doesNotContain("secretpart");
            assertThat(add.out()).doesNotContain("secretpart");
            assertThat(CliRun.run(home, "alerts", "list", file.toString()).out()).contains("ops").contains("stored").doesNotContain("secretpart");

            CliRun test = CliRun.run(home, "alerts", "test", file.toString());
            assertThat(test.exit()).as(test.err()).isZero();
            assertThat(test.out()).contains("webhook ops: delivered");
            assertThat(got).singleElement().satisfies(b -> assertThat(b).startsWith("{\"text\":\":information_source: TEST [crater]"));

            status[0] = 500;
            CliRun failing = CliRun.run(home, "alerts", "test", file.toString(), "--webhook", "ops");
            assertThat(failing.exit()).isEqualTo(1);
            assertThat(failing.out()).contains("webhook ops: FAILED: HTTP 500").doesNotContain("secretpart");

            CliRun history = CliRun.run(home, "alerts", "history", file.toString());
            assertThat(history.out()).contains("a test message from Orrery").contains("webhook ops ok").contains("webhook ops FAILED (HTTP 500");

            CliRun removed = CliRun.run(home, "alerts", "webhook", "remove", file.toString(), "ops");
            assertThat(removed.exit()).isZero();
            assertThat(Files.exists(home.root().resolve("secrets/webhook.crater.ops"))).isFalse();
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void everyNewCommandHasHelpAndRefusesUnknownOptions() {
        for (String[] cmd : List.of(new String[] {"metrics"}, new String[] {"alerts"}, new String[] {"alerts", "list"},
                new String[] {"alerts", "history"}, new String[] {"alerts", "test"}, new String[] {"alerts", "set"},
                new String[] {"alerts", "webhook", "add"}, new String[] {"alerts", "watch"})) {
            String[] help = java.util.stream.Stream.concat(java.util.Arrays.stream(cmd), java.util.stream.Stream.of("--help")).toArray(String[]::new);
            CliRun h = CliRun.run(home, help);
            assertThat(h.exit()).as(String.join(" ", cmd)).isZero();
            assertThat(h.out()).contains("Usage: orrery " + String.join(" ", cmd));
            String[] bogus = java.util.stream.Stream.concat(java.util.Arrays.stream(cmd), java.util.stream.Stream.of("--bogus")).toArray(String[]::new);
            assertThat(CliRun.run(home, bogus).exit()).as(String.join(" ", cmd) + " --bogus").isEqualTo(2);
        }
    }
}
