package dev.orrery.engine;

import com.sun.net.httpserver.HttpServer;
import dev.orrery.alerts.AlertEvent;
import dev.orrery.alerts.AlertHistory;
import dev.orrery.engine.state.JobKind;
import dev.orrery.health.HealthState;
import dev.orrery.health.StateChange;
import dev.orrery.metrics.Metric;
import dev.orrery.metrics.MetricsQueries;
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
import dev.orrery.task.Progress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The engine's watch of a sandbox-like cluster (its servers are this machine): samples reach the
 * store, a failed deploy and an unplanned outage fire once on the desktop and the webhook and
 * resolve once, a planned deploy stop does not, and deploys are marked on the charts.
 */
class ClusterWatchTest {
    @TempDir
    Path dir;
    Engine engine;
    Orrery orrery;
    HttpServer receiver;
    final List<String> posted = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        engine = new Engine();
        orrery = new Orrery(engine, new OrreryHome(dir), Orrery.Prompts.none(), Map.of("ORRERY_SECRETS", "file"));
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            posted.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
        orrery.secret(ClusterWatch.webhookSecret("crater", "ops")).save("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        orrery.close();
        engine.close();
    }

    static Cluster cluster() {
        Monitoring m = Monitoring.defaults().withSampleSeconds(1)
                .withRule(AlertRule.defaultFor(AlertKind.SERVER_DOWN).withForSeconds(1))
                .withWebhook(new Webhook("ops", Webhook.Format.JSON));
        return new Cluster("crater", new AppSpec("sample", 3000, Map.of(), List.of()), Balancer.defaults(), List.of(
                sandbox("lb-1", Role.BALANCER, "127.0.0.1"), sandbox("app-1", Role.APP, "127.66.0.2"), sandbox("app-2", Role.APP, "127.66.0.3")), m);
    }

    static Server sandbox(String name, Role role, String address) {
        return Server.of(name, role, address).withProvider("sandbox", null, null, null).withState(ServerState.READY);
    }

    /** A deploy or rollback job that fails or succeeds, as the engine runs it. */
    static Job<Void> job(JobKind kind, String title, boolean fail) {
        return new Job<>() {
            public String title() {
                return title;
            }

            public Void run(Progress p) {
                if (fail) {
                    throw new IllegalStateException("app-2 failed its health gate\nmore detail");
                }
                return null;
            }

            public String cluster() {
                return "crater";
            }

            public JobKind kind() {
                return kind;
            }
        };
    }

    @Test
    void samplesOutagesAndDeploysEndUpInTheStoreAndTheChannels() throws Exception {
        List<AlertEvent> desktop = new CopyOnWriteArrayList<>();
        try (ClusterWatch w = orrery.watch(cluster(), ClusterWatch.Options.defaults().withSampleMs(300))) {
            w.channels().addDesktop(desktop::add);
            MetricsQueries q = w.queries();
            await().atMost(Duration.ofMinutes(3)).until(() -> q.latest("crater").size() == 3
                    && !Double.isNaN(q.latest("crater").get("app-1").values().get(Metric.CPU)));
            assertThat(w.sampling()).allSatisfy(s -> assertThat(s.failing()).as(s.server() + ": " + s.error()).isFalse());

            // a failed deploy fires the deploy rule once; the next good one resolves it
            orrery.submit(job(JobKind.DEPLOY, "Deploy v3 to crater", true));
            await().until(() -> desktop.size() == 1);
            assertThat(desktop.get(0).text()).isEqualTo("Deploy v3 to crater failed: app-2 failed its health gate");
            orrery.submit(job(JobKind.DEPLOY, "Deploy v4 to crater", false)).result().join();
            await().until(() -> desktop.size() == 2 && !desktop.get(1).firing());

            // a planned stop (the deploy says the server may be down) raises nothing …
            var live = orrery.live("crater");
            live.onEvent(new StateChange("app-1", HealthState.CHECKING, HealthState.UP, System.currentTimeMillis(), "up"));
            live.onEvent(new JobEvent.Started(900, "Deploy v5 to crater", "crater", JobKind.DEPLOY));
            live.onEvent(new JobEvent.ServerStep(900, "app-1", "stop", true));
            live.onEvent(new StateChange("app-1", HealthState.UP, HealthState.DOWN, System.currentTimeMillis(), "refused"));
            // … an unplanned one on app-2 fires after its second, once, and resolves when it is back
            live.onEvent(new StateChange("app-2", HealthState.CHECKING, HealthState.UP, System.currentTimeMillis(), "up"));
            live.onEvent(new StateChange("app-2", HealthState.UP, HealthState.DOWN, System.currentTimeMillis(), "refused"));
            await().until(() -> desktop.size() == 3);
            assertThat(desktop.get(2).subject()).isEqualTo("app-2");
            assertThat(desktop.get(2).rule()).isEqualTo("server-down");
            live.onEvent(new StateChange("app-2", HealthState.DOWN, HealthState.UP, System.currentTimeMillis(), "up"));
            await().until(() -> desktop.size() == 4);
            assertThat(desktop.get(3).firing()).isFalse();

            // the webhook got the same four messages, in order
            await().until(() -> posted.size() == 4);
            assertThat(posted).extracting(b -> b.replaceAll(".*\"status\":\"(\\w+)\".*\"rule\":\"([\\w-]+)\".*", "$1 $2"))
                    .containsExactly("firing deploy", "resolved deploy", "firing server-down", "resolved server-down");

            // history: the four messages with their deliveries, outages and deploy markers for the charts
            await().until(() -> w.history().history("crater", 0, 10).size() == 4
                    && w.history().history("crater", 0, 10).stream().allMatch(e -> e.deliveries().size() == 2));
            List<AlertHistory.Entry> h = w.history().history("crater", 0, 10);
            assertThat(h.get(0).deliveries()).extracting(AlertHistory.Delivery::channel).containsExactlyInAnyOrder("desktop", "webhook ops");
            assertThat(w.history().open("crater")).isEmpty();
            await().until(() -> q.outages("crater", null, 0, Long.MAX_VALUE).size() == 1);
            assertThat(q.outages("crater", null, 0, Long.MAX_VALUE).get(0).server()).isEqualTo("app-2");
            assertThat(q.markers("crater", 0, Long.MAX_VALUE)).extracting(MetricsQueries.Marker::label).contains(
                    "Deploy v3 to crater started", "Deploy v3 to crater failed: app-2 failed its health gate",
                    "Deploy v4 to crater finished");
        }
    }

    @Test
    void serversWhoseHostKeyIsNotTrustedAreLeftOutAndSaySo() throws Exception {
        Cluster c = new Cluster("crater", new AppSpec("crater", 3000, Map.of(), List.of()), Balancer.defaults(),
                List.of(Server.of("app-1", Role.APP, "198.51.100.7").withState(ServerState.READY)));
        try (ClusterWatch w = orrery.watch(c, ClusterWatch.Options.defaults())) {
            assertThat(w.sampling()).singleElement().satisfies(s -> assertThat(s.error()).contains("host key is not trusted"));
        }
    }
}
