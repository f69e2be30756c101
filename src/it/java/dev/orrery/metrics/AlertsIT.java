package dev.orrery.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.orrery.alerts.AlertHistory;
import dev.orrery.engine.ClusterWatch;
import dev.orrery.engine.Engine;
import dev.orrery.engine.Orrery;
import dev.orrery.it.Spawned;
import dev.orrery.it.Sys;
import dev.orrery.it.TestHost;
import dev.orrery.it.TestHosts;
import dev.orrery.model.AlertKind;
import dev.orrery.model.AlertRule;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.Monitoring;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;
import dev.orrery.model.Webhook;
import dev.orrery.store.OrreryHome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The end-to-end check on a test host (its own sshd over a real Linux): Orrery samples
 * the host over SSH every second while a disk is filled past 85% and emptied, or the CPU is
 * burned past 90% and let go. A webhook receiver on this machine gets exactly one firing and one
 * resolved message for the incident, nothing more, and the history holds both as delivered.
 *
 * <p>Test hosts share this machine's kernel, so /proc/stat is the machine's own: the CPU test
 * needs the machine quiet enough to tell a burn from its usual load, and is skipped, saying so,
 * when it is not (CI runs it on a machine of its own). The disk is the host's own: a small ext4
 * image mounted in its mount namespace, so the disk test never depends on other load.
 */
class AlertsIT {
    @TempDir
    Path dir;
    private final List<JsonNode> posted = new CopyOnWriteArrayList<>();
    private final ObjectMapper json = new ObjectMapper();
    private HttpServer receiver;
    private TestHosts hosts;
    private Engine engine;
    private Orrery orrery;
    private TestHost h;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            posted.add(json.readTree(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
        hosts = TestHosts.start(1);
        h = hosts.get(0);
        engine = new Engine();
        OrreryHome home = new OrreryHome(dir.resolve("home"));
        Files.createDirectories(home.root());
        Files.writeString(home.knownHosts(), h.knownHostsLine() + "\n");
        orrery = new Orrery(engine, home, Orrery.Prompts.none(), Map.of("ORRERY_SECRETS", "file"));
        orrery.secret(ClusterWatch.webhookSecret("it", "receiver")).save("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    }

    @AfterEach
    void stop() {
        if (orrery != null) {
            orrery.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (hosts != null) {
            hosts.close();
        }
        receiver.stop(0);
    }

    /** The test host as a database server of cluster "it", with only {@code rule} on (thresholds as the defaults). */
    private Cluster cluster(AlertRule rule) {
        Monitoring m = Monitoring.defaults().withSampleSeconds(1).withWebhook(new Webhook("receiver", Webhook.Format.JSON));
        for (AlertRule r : m.rules()) {
            m = m.withRule(r.withEnabled(false));
        }
        m = m.withRule(rule);
        return new Cluster("it", new AppSpec("it", 3000, Map.of(), List.of()), Balancer.defaults(), List.of(
                Server.of("db-1", Role.DATABASE, h.address()).withSsh("root", h.sshPort(), h.privateKey().toString())
                        .withState(ServerState.READY)), m);
    }

    private List<Sample> sampling(ClusterWatch w) {
        List<Sample> samples = new CopyOnWriteArrayList<>();
        w.addSampleListener(samples::add);
        await().atMost(Duration.ofMinutes(3)).until(() -> samples.stream().filter(s -> !Double.isNaN(s.get(Metric.CPU))).count() >= 3);
        assertThat(w.sampling()).singleElement().satisfies(s -> {
            assertThat(s.source()).isEqualTo(Sample.Source.SSH);
            assertThat(s.failing()).isFalse();
        });
        return samples;
    }

    /** Exactly one firing and one resolved message of {@code rule}, and nothing else, within a quiet spell; both delivered in the history. */
    private void exactlyOneIncident(ClusterWatch w, String rule) {
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofMinutes(3)).until(() -> posted.size() == 2);
        assertThat(posted).extracting(n -> n.get("status").asText() + " " + n.get("rule").asText())
                .containsExactly("firing " + rule, "resolved " + rule);
        assertThat(posted.get(1).get("id").asText()).isEqualTo(posted.get(0).get("id").asText());
        await().until(() -> w.history().history("it", 0, 10).size() == 2 && w.history().history("it", 0, 10).stream()
                .allMatch(e -> e.deliveries().stream().anyMatch(AlertHistory.Delivery::ok)));
    }

    private long count(String status, String rule) {
        return posted.stream().filter(n -> n.get("status").asText().equals(status) && n.get("rule").asText().equals(rule)).count();
    }

    @Test
    void aDiskFilledPast85PercentFiresOnceAndResolvesOnceWhenEmptied() throws Exception {
        Path image = h.path("/srv/disk.img");
        Sys.run("truncate", "-s", "48M", image.toString()).orThrow("truncate");
        Sys.run("mkfs.ext4", "-q", "-F", image.toString()).orThrow("mkfs.ext4");
        Sys.Result mounted = h.sh("mkdir -p /srv/disk && mount -o loop /srv/disk.img /srv/disk");
        Assumptions.assumeTrue(mounted.exit() == 0, "cannot loop-mount a small disk in the test host: " + mounted.output());
        try (ClusterWatch w = orrery.watch(cluster(AlertRule.defaultFor(AlertKind.DISK).withClearSeconds(2)),
                ClusterWatch.Options.defaults().withSampleMs(1000))) {
            List<Sample> samples = sampling(w);
            assertThat(samples.get(samples.size() - 1).fileSystems()).extracting(Reading.FileSystemUse::mount).contains("/srv/disk");
            h.sh("avail=$(df -Pk /srv/disk | awk 'NR==2{print $4}'); head -c $(( (avail - 2048) * 1024 )) /dev/zero > /srv/disk/fill")
                    .orThrow("fill the disk");
            await().atMost(Duration.ofMinutes(3)).until(() -> count("firing", "disk") == 1);
            assertThat(posted.get(0).get("text").asText()).startsWith("db-1: disk over 85% (disk on /srv/disk");
            assertThat(posted.get(0).get("value").asDouble()).isGreaterThan(85);
            h.sh("rm -f /srv/disk/fill").orThrow("empty the disk");
            await().atMost(Duration.ofMinutes(3)).until(() -> count("resolved", "disk") == 1);
            exactlyOneIncident(w, "disk");
            System.out.printf("AlertsIT disk: %d samples; the receiver got %s%n", samples.size(), texts());
        } finally {
            h.sh("umount /srv/disk");
        }
    }

    @Test
    void aCpuBurnedPast90PercentFiresOnceAndResolvesOnceWhenItStops() throws Exception {
        try (ClusterWatch w = orrery.watch(cluster(AlertRule.defaultFor(AlertKind.CPU).withForSeconds(3).withClearSeconds(3)),
                ClusterWatch.Options.defaults().withSampleMs(1000))) {
            List<Sample> samples = sampling(w);
            double baseline = samples.stream().mapToDouble(s -> s.get(Metric.CPU)).filter(v -> !Double.isNaN(v)).max().orElse(100);
            Assumptions.assumeTrue(baseline < 70 && posted.isEmpty(), "this machine is already at " + Math.round(baseline)
                    + "% CPU: a burn on a test host (which shares its kernel) cannot be told apart from it");
            List<Spawned> burners = new ArrayList<>();
            for (int i = 0; i < Runtime.getRuntime().availableProcessors() + 1; i++) {
                burners.add(h.spawn("sh", "-c", "while :; do :; done"));
            }
            try {
                await().atMost(Duration.ofMinutes(3)).until(() -> count("firing", "cpu") == 1);
            } finally {
                burners.forEach(Spawned::stop);
            }
            assertThat(posted.get(0).get("text").asText()).startsWith("db-1: CPU over 90% for 3 s");
            await().atMost(Duration.ofSeconds(180)).until(() -> count("resolved", "cpu") == 1);
            exactlyOneIncident(w, "cpu");
            System.out.printf("AlertsIT cpu: %d samples, baseline %.0f%%; the receiver got %s%n", samples.size(), baseline, texts());
        }
    }

    private List<String> texts() {
        return posted.stream().map(n -> n.get("status").asText() + ": " + n.get("text").asText()).toList();
    }
}
