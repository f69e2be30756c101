package dev.orrery.engine;

import dev.orrery.engine.state.LiveClusterState;
import dev.orrery.engine.state.LiveSnapshot;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.remote.LocalHost;
import dev.orrery.sandbox.Sandbox;
import dev.orrery.sandbox.SandboxCluster;
import dev.orrery.store.ClusterStore;
import dev.orrery.store.OrreryHome;
import dev.orrery.task.Progress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The engine decides how a cluster's servers are reached: the sandbox's on this machine, droplets over SSH. */
class ClusterAccessTest {
    @TempDir
    Path tmp;
    private Orrery orrery;
    private Cluster sandbox;
    private Cluster crater;

    @BeforeEach
    void setUp() throws Exception {
        orrery = new Orrery(new OrreryHome(tmp.resolve("home")), Orrery.Prompts.none(), Map.of());
        sandbox = SandboxCluster.create(8080, Path.of(System.getProperty("java.home")), "127.66.9.");
        crater = ClusterStore.load(Path.of("assets/examples/crater.json"));
    }

    @AfterEach
    void tearDown() {
        orrery.close();
    }

    @Test
    void aSandboxServerIsThisMachineAndItsBalancerLivesInTheSandboxFolder() {
        assertThat(Sandbox.isSandbox(sandbox)).isTrue();
        assertThat(Sandbox.isSandbox(crater)).isFalse();
        Server app = sandbox.appServers().get(0);
        assertThat(orrery.hosts().hostFor(app)).isInstanceOf(LocalHost.class);
        Path balancerDir = tmp.resolve("home").resolve("sandbox").resolve("balancer").toAbsolutePath();
        assertThat(orrery.balancerLayout(sandbox).configPath()).isEqualTo(balancerDir.resolve("nginx.conf").toString());
        assertThat(orrery.balancerLayout(crater)).isEqualTo(BalancerLayout.droplet(crater.balancer().kind()));
        assertThat(orrery.pushProxyJob(sandbox).cluster()).isEqualTo("sandbox");
    }

    @Test
    void theConfigurationASandboxNginxRunsIsReadFromItsFile() throws Exception {
        assertThat(orrery.runningBalancerConfig(sandbox)).isEmpty();
        Path conf = Path.of(orrery.balancerLayout(sandbox).configPath());
        java.nio.file.Files.createDirectories(conf.getParent());
        java.nio.file.Files.writeString(conf, "events {}\n");
        assertThat(orrery.runningBalancerConfig(sandbox)).contains("events {}\n");
        assertThat(orrery.runningBalancerConfig(crater)).isEmpty();
    }

    @Test
    void localFactsAreWatchedForTheSandboxOnly() throws Exception {
        LiveClusterState live = new LiveClusterState("sandbox");
        live.setCluster(sandbox);
        try (AutoCloseable watch = orrery.watchLocalFacts(sandbox, live, 50)) {
            // Nothing was started: every server's process is said to be not running, with where it would listen and log.
            await().atMost(Duration.ofMinutes(3)).until(() -> live.snapshot().servers().stream()
                    .allMatch(s -> "exited".equals(s.facts().get(Sandbox.PROCESS_FACT))));
            LiveSnapshot snap = live.snapshot();
            Server app = sandbox.appServers().get(0);
            assertThat(snap.server(app.name()).orElseThrow().facts())
                    .containsEntry("listen", app.internalAddress() + ":3000")
                    .doesNotContainKey("pid")
                    .hasEntrySatisfying("log", log -> assertThat(log).startsWith(tmp.resolve("home").toAbsolutePath().toString()));
        }
        LiveClusterState other = new LiveClusterState("crater");
        other.setCluster(crater);
        try (AutoCloseable watch = orrery.watchLocalFacts(crater, other, 50)) {
            orrery.engine().io().submit(() -> { }).get();
            assertThat(other.snapshot().servers()).allMatch(s -> s.facts().isEmpty());
        }
    }

    @Test
    void aOneServerJobsStepsAreAlsoItsServersSteps() throws Exception {
        List<dev.orrery.engine.JobEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        orrery.engine().addListener(events::add);
        orrery.submit(new Job<Void>() {
            @Override
            public String title() {
                return "Decommission app-2";
            }

            @Override
            public Void run(Progress progress) {
                progress.stepsAreAbout("app-2", true);
                progress.step("Drain app-2");
                return null;
            }
        }).result().get();
        assertThat(events).anySatisfy(e -> assertThat(e).isEqualTo(new JobEvent.Step(1, "Drain app-2")));
        assertThat(events).anySatisfy(e -> assertThat(e).isEqualTo(new JobEvent.ServerStep(1, "app-2", "Drain app-2", true)));
    }
}
