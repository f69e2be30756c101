package dev.orrery.health;

import dev.orrery.cli.OrreryCli;
import dev.orrery.engine.Engine;
import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.store.ClusterStore;
import dev.orrery.store.OrreryHome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real app processes on loopback, the real HTTP prober and the Engine's executors: a killed app
 * is marked down after at most fall probes (+1 in flight when it died) and comes back after at
 * most rise probes of its restart. Counted in probes, not milliseconds, so a busy machine cannot
 * fail it; the times (fall × interval + timeout, rise × interval) are printed for the report.
 */
class HealthKillRestartIT {
    private static final HealthCheck SEED = new HealthCheck("/", 750, 2, 2, 1000);

    private int port;
    private AppProcess app1;
    private AppProcess app2;
    private Engine engine;
    private final ChangeLog log = new ChangeLog();

    @BeforeEach
    void setUp() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        app1 = new AppProcess("127.0.0.2", port).start();
        app2 = new AppProcess("127.0.0.3", port).start();
        engine = new Engine();
    }

    @AfterEach
    void tearDown() throws Exception {
        engine.close();
        app1.close();
        app2.close();
    }

    private Cluster cluster() {
        return dev.orrery.store.Json.mapper().convertValue(java.util.Map.of(
                "name", "it", "app", java.util.Map.of("name", "it", "port", port),
                "balancer", java.util.Map.of("kind", "nginx", "stickiness", "ip_hash", "healthCheck", SEED),
                "servers", List.of(
                        java.util.Map.of("name", "app-1", "role", "app", "publicAddress", "127.0.0.2"),
                        java.util.Map.of("name", "app-2", "role", "app", "publicAddress", "127.0.0.3"))), Cluster.class);
    }

    private HealthMonitor monitor() {
        HealthMonitor m = HealthMonitor.create(cluster(), engine.scheduler(), engine.io());
        m.addListener(log);
        m.start();
        return m;
    }

    @Test
    void aKilledAppIsMarkedDownAndComesBackAfterRestart() throws Exception {
        try (HealthMonitor m = monitor()) {
            log.await("app-1", HealthState.UP, 0);
            log.await("app-2", HealthState.UP, 0);

            long killed = System.nanoTime();
            app2.kill();
            long downMs = log.await("app-2", HealthState.DOWN, killed);
            System.out.printf("[health-it] killed app marked down after %d ms (bound fall*interval+timeout = %d ms)%n",
                    downMs, SEED.worstCaseDetectionMs());
            assertThat(log.probesUntil("app-2", HealthState.DOWN, killed)).as("probes until down").isLessThanOrEqualTo(SEED.fall() + 1);
            assertThat(m.snapshot().get(0).state()).isEqualTo(HealthState.UP);
            assertThat(m.snapshot().get(1).last().outcome()).isEqualTo(Outcome.REFUSED);

            app2.start();
            long restarted = System.nanoTime();
            long upMs = log.await("app-2", HealthState.UP, restarted);
            System.out.printf("[health-it] restarted app up again after %d ms (bound rise*interval = %d ms)%n",
                    upMs, (long) SEED.rise() * SEED.intervalMs());
            assertThat(log.probesUntil("app-2", HealthState.UP, restarted)).as("probes until up").isLessThanOrEqualTo(SEED.rise() + 1);
        }
    }

    @Test
    void aFrozenAppTimesOutAndIsMarkedDown() throws Exception {
        try (HealthMonitor m = monitor()) {
            log.await("app-2", HealthState.UP, 0);
            long frozen = System.nanoTime();
            app2.freeze();
            long downMs = log.await("app-2", HealthState.DOWN, frozen);
            // Each probe of a hung app takes the whole timeout and only one runs at a time (as in the
            // module), so the bound here is one interval of phase plus fall timeouts.
            long bound = SEED.intervalMs() + (long) SEED.fall() * Math.max(SEED.intervalMs(), SEED.timeoutMs());
            System.out.printf("[health-it] frozen (SIGSTOP) app marked down after %d ms (bound interval+fall*timeout = %d ms)%n",
                    downMs, bound);
            assertThat(log.probesUntil("app-2", HealthState.DOWN, frozen)).as("probes until down").isLessThanOrEqualTo(SEED.fall() + 1);
            assertThat(m.snapshot().get(1).last().outcome()).isEqualTo(Outcome.TIMEOUT);
            app2.thaw();
            log.await("app-2", HealthState.UP, frozen);
        }
    }

    @Test
    void healthOnceExitsZeroOnlyWhenEveryAppServerIsUp(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("it.json");
        ClusterStore.save(file, cluster());
        assertThat(runCli(file, dir)).contains("2 of 2 app servers up").contains("app-2").contains("route: direct");
        assertThat(lastExit).isZero();

        app2.kill();
        String out = runCli(file, dir);
        assertThat(out).contains("1 of 2 app servers up").containsPattern("app-2 +127\\.0\\.0\\.3:\\d+ +down");
        assertThat(lastExit).isEqualTo(1);
    }

    private int lastExit;

    private String runCli(Path file, Path home) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        lastExit = OrreryCli.run(new String[]{"health", file.toString(), "--once"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new BufferedReader(new StringReader("")), new OrreryHome(home));
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }
}
