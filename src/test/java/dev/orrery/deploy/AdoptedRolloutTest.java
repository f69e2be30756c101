package dev.orrery.deploy;

import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.task.Progress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The first deploy onto adopted servers, whose app Meteor Up started: the old app is stopped only
 * at the stop step (after the preflight, out of rotation), kept from starting at boot once the new
 * one passed its gate, and started again when the new one fails.
 */
class AdoptedRolloutTest {
    @TempDir
    Path tmp;
    final List<String> events = new CopyOnWriteArrayList<>();
    final Map<String, FakeHost> hosts = new LinkedHashMap<>();
    ExecutorService pool;
    Cluster cluster;
    Path bundle;
    final BalancerControl balancer = new BalancerControl() {
        @Override public String describe() { return "test balancer"; }
        @Override public void drain(Server s, Progress p) { events.add(s.name() + " drain"); }
        @Override public String awaitIdle(Server s, Duration max, Progress p) { events.add(s.name() + " idle"); return "idle"; }
        @Override public void undrain(Server s, Progress p) { events.add(s.name() + " undrain"); }
    };

    @BeforeEach
    void setUp() throws Exception {
        pool = Executors.newFixedThreadPool(2);
        List<Server> servers = new ArrayList<>(List.of(Server.of("lb-1", Role.BALANCER, "10.0.0.2")));
        for (int i = 1; i <= 2; i++) {
            servers.add(Server.of("app-" + i, Role.APP, "10.0.1." + i));
            FakeHost h = new FakeHost("app-" + i, null, events);
            h.portHolder = "upstart crater " + (800 + i);
            hosts.put("app-" + i, h);
        }
        cluster = new Cluster("crater", new AppSpec("crater", 3000, Map.of(), List.of()), Balancer.defaults(), servers);
        bundle = TestBundles.nodeApp(tmp, "v1.tar.gz", "node server.js");
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    Rollout rollout() {
        HealthGate.Clock fast = new HealthGate.Clock() {
            long now;
            @Override public long millis() { return now; }
            @Override public void sleep(long ms) { now += ms; }
        };
        return new Rollout(s -> hosts.get(s.name()), balancer, ClusterSink.of(c -> { }), pool, tmp.resolve("locks"),
                RolloutOptions.defaults().withHealthDeadline(Duration.ofSeconds(10)), fast);
    }

    int first(String prefix) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void theOldAppIsStoppedOnlyAtTheStopStepAndKeptFromBootingOnceTheNewOnePassed() throws Exception {
        rollout().deploy(cluster, bundle, Progress.NONE);
        assertThat(List.of(first("app-1 exec preflight"), first("app-1 drain"), first("app-1 exec what listens on port 3000"),
                first("app-1 exec stop the app that ran before Orrery (upstart crater)"), first("app-1 exec switch current"),
                first("app-1 exec start crater"), first("app-1 exec keep the old app from starting again"), first("app-1 undrain"),
                first("app-2 drain"))).doesNotContain(-1).isSorted();
        assertThat(events).noneMatch(e -> e.contains("start the app that ran before Orrery again"));
    }

    @Test
    void aNewReleaseFailingItsGateBringsTheOldAppBack() {
        hosts.values().forEach(h -> h.liveHealth = id -> 500);
        assertThatThrownBy(() -> rollout().deploy(cluster, bundle, Progress.NONE))
                .isInstanceOfSatisfying(DeployFailedException.class, e -> {
                    assertThat(e.server()).isEqualTo("app-1");
                    assertThat(e.step()).isEqualTo(RolloutStep.HEALTH);
                    assertThat(e.getMessage()).contains("app-1 runs its app as before Orrery again (upstart crater)")
                            .contains("in rotation again");
                });
        assertThat(first("app-1 exec start the app that ran before Orrery again")).isGreaterThan(first("app-1 exec GET / on port 3000"));
        assertThat(events).noneMatch(e -> e.contains("keep the old app from starting again") || e.startsWith("app-2 drain"));
    }

    @Test
    void aPortHeldByAProcessOrreryCannotSeeStopsTheCanaryUnchanged() {
        hosts.get("app-1").portHolder = "unknown";
        assertThatThrownBy(() -> rollout().deploy(cluster, bundle, Progress.NONE))
                .isInstanceOfSatisfying(DeployFailedException.class, e -> assertThat(e.getMessage())
                        .contains("held by a process Orrery cannot see"));
        assertThat(events).noneMatch(e -> e.startsWith("app-1 exec switch current"));
    }
}
