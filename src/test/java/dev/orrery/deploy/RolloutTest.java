package dev.orrery.deploy;

import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.Release;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.task.CancelledException;
import dev.orrery.task.Progress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rollout's order and its failure handling, against in-memory servers and balancer. */
class RolloutTest {
    @TempDir
    Path tmp;

    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final Map<String, FakeHost> hosts = new LinkedHashMap<>();
    final List<Cluster> saved = new ArrayList<>();
    final List<String> steps = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool;
    Cluster cluster;
    Path bundle;

    /** Records drain/undrain in the same event list as the hosts. */
    final BalancerControl balancer = new BalancerControl() {
        @Override public String describe() { return "fake"; }
        @Override public void drain(Server s, Progress p) { events.add(s.name() + " drain"); }
        @Override public String awaitIdle(Server s, Duration max, Progress p) { events.add(s.name() + " idle"); return "idle"; }
        @Override public void undrain(Server s, Progress p) { events.add(s.name() + " undrain"); }
    };

    final Progress progress = new Progress() {
        volatile boolean cancel;
        @Override public void step(String name) { steps.add(name); if (name.equals(cancelAfter + " · done")) { cancel = true; } }
        @Override public void fraction(double done) { }
        @Override public void log(String line) { }
        @Override public boolean cancelled() { return cancel; }
    };
    String cancelAfter = "none";

    @BeforeEach
    void setUp() throws Exception {
        pool = Executors.newFixedThreadPool(4);
        Release old = new Release("old", Release.Kind.NODE, "v1.tar.gz", "00", Instant.parse("2026-01-01T00:00:00Z"));
        List<Server> servers = new ArrayList<>(List.of(Server.of("lb-1", Role.BALANCER, "10.0.0.2")));
        for (int i = 1; i <= 3; i++) {
            servers.add(Server.of("app-" + i, Role.APP, "10.0.1." + i).withRelease("old"));
            hosts.put("app-" + i, new FakeHost("app-" + i, "old", events));
        }
        cluster = new Cluster("crater", new AppSpec("crater", 3000, Map.of("A", "1"), List.of(old)), Balancer.defaults(), servers);
        bundle = TestBundles.nodeApp(tmp, "v2.tar.gz", "node server.js");
    }

    Rollout rollout() {
        HealthGate.Clock fastClock = new HealthGate.Clock() {
            long now;
            @Override public synchronized long millis() { return now; }
            @Override public synchronized void sleep(long ms) { now += ms; }
        };
        return new Rollout(s -> hosts.get(s.name()), balancer, ClusterSink.of(saved::add), pool, tmp.resolve("locks"),
                RolloutOptions.defaults().withHealthDeadline(Duration.ofSeconds(10)), fastClock);
    }

    int first(String event) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).startsWith(event)) {
                return i;
            }
        }
        return -1;
    }

    int last(String prefix) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void uploadsToEveryServerBeforeTheCanaryIsDrainedThenOneServerAtATime() throws Exception {
        Cluster done = rollout().deploy(cluster, bundle, progress);
        String id = done.app().currentRelease().id();

        int lastUpload = last("app-3 upload");
        assertThat(Math.max(lastUpload, Math.max(last("app-1 upload"), last("app-2 upload")))).isLessThan(first("app-1 drain"));
        assertThat(events).filteredOn(e -> e.contains(" exec finish ")).hasSize(3);
        assertThat(last("app-1 exec finish")).isLessThan(first("app-1 drain"));
        // Strict per-server sequence, and app-2 starts only after app-1 is back in rotation.
        // The new release proves healthy on a spare port before the server leaves rotation.
        // Every server's preflight runs in phase one, once, passes before the canary leaves rotation,
        // and is stopped before the deploy returns (its graceful stop may overlap the first switch).
        for (String s : List.of("app-1", "app-2", "app-3")) {
            assertThat(events).filteredOn(e -> e.startsWith(s + " exec preflight " + id)).hasSize(1);
            assertThat(last(s + " exec GET / on port 13000")).isLessThan(first("app-1 drain"));
            assertThat(first(s + " exec finish")).isLessThan(first(s + " exec preflight"));
            assertThat(events).contains(s + " exec stop preflight");
            assertThat(hosts.get(s).preflight).isNull();
        }
        assertThat(List.of(first("app-1 exec preflight " + id + " on port 13000"), first("app-1 exec GET / on port 13000"),
                first("app-1 drain"), first("app-1 idle"), first("app-1 exec stop crater"),
                first("app-1 exec switch current"), first("app-1 exec start crater"), first("app-1 exec GET / on port 3000"),
                first("app-1 undrain"), first("app-2 drain"),
                first("app-2 undrain"), first("app-3 drain"), first("app-3 undrain"))).isSorted();
        assertThat(id).matches("\\d{8}-\\d{6}-[0-9a-f]{8}");
        assertThat(done.appServers()).allSatisfy(s -> assertThat(s.release()).isEqualTo(id));
        assertThat(hosts.values()).allSatisfy(h -> assertThat(h.current).isEqualTo(id));
        assertThat(done.app().releases()).extracting(Release::id).containsExactly("old", id);
        assertThat(done.app().currentRelease().kind()).isEqualTo(Release.Kind.NODE);
        // Saved after each server went live, then with the release recorded.
        assertThat(saved).hasSize(4);
        assertThat(saved.get(0).server("app-1").orElseThrow().release()).isEqualTo(id);
        assertThat(saved.get(0).server("app-2").orElseThrow().release()).isEqualTo("old");
        assertThat(hosts.values()).allSatisfy(h -> assertThat(h.closed).isTrue());
        assertThat(Files.exists(DeployLock.fileFor(tmp.resolve("locks"), "crater"))).isFalse();
    }

    @Test
    void withBatchesTheServersOfABatchSwitchTogetherAndTheNextBatchWaitsForThem() throws Exception {
        List<Server> servers = new ArrayList<>(cluster.servers());
        for (int i = 4; i <= 5; i++) {
            servers.add(Server.of("app-" + i, Role.APP, "10.0.1." + i).withRelease("old"));
            hosts.put("app-" + i, new FakeHost("app-" + i, "old", events));
        }
        cluster = new Cluster("crater", cluster.app(), cluster.balancer(), servers);
        HealthGate.Clock fastClock = new HealthGate.Clock() {
            long now;
            @Override public synchronized long millis() { return now; }
            @Override public synchronized void sleep(long ms) { now += ms; }
        };
        Rollout r = new Rollout(s -> hosts.get(s.name()), balancer, ClusterSink.of(saved::add), pool, tmp.resolve("locks"),
                RolloutOptions.defaults().withHealthDeadline(Duration.ofSeconds(10)).withBatch(2), fastClock);
        Cluster done = r.deploy(cluster, bundle, progress);
        String id = done.app().currentRelease().id();

        // canary alone; then app-2 and app-3; app-4 and app-5 only once both are back
        assertThat(first("app-1 undrain")).isLessThan(Math.min(first("app-2 drain"), first("app-3 drain")));
        assertThat(Math.max(last("app-2 undrain"), last("app-3 undrain"))).isLessThan(Math.min(first("app-4 drain"), first("app-5 drain")));
        assertThat(done.appServers()).hasSize(5).allSatisfy(s -> assertThat(s.release()).isEqualTo(id));
        assertThat(hosts.values()).allSatisfy(h -> assertThat(h.current).isEqualTo(id));
    }

    @Test
    void aBatchThatWouldLeaveTooFewServingIsRefusedBeforeAnythingIsUploaded() {
        Rollout r = new Rollout(s -> hosts.get(s.name()), balancer, ClusterSink.of(saved::add), pool, tmp.resolve("locks"),
                RolloutOptions.defaults().withBatch(2));
        assertThatThrownBy(() -> r.deploy(cluster, bundle, progress)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--batch 2 would leave 1 of 3 app servers serving");
        assertThat(events).isEmpty();
        assertThat(saved).isEmpty();
    }

    @Test
    void aReleaseFailingItsPreflightStopsTheRolloutBeforeTheCanaryLeavesRotation() throws Exception {
        hosts.values().forEach(h -> h.health = id -> id.equals("old") ? 200 : 500);

        assertThatThrownBy(() -> rollout().deploy(cluster, bundle, progress))
                .isInstanceOfSatisfying(DeployFailedException.class, e -> {
                    assertThat(e.server()).isEqualTo("app-1");
                    assertThat(e.step()).isEqualTo(RolloutStep.PREFLIGHT);
                    assertThat(e.getMessage()).contains("HTTP 500").contains("never got traffic").contains("also failed on app-2, app-3")
                            .contains("Nothing was switched");
                    assertThat(e.lastLogLines()).isNotEmpty();
                });
        assertThat(hosts.values()).allSatisfy(h -> assertThat(h.current).isEqualTo("old"));
        // every server's preflight ran in phase one and was stopped
        assertThat(hosts.values()).allSatisfy(h -> assertThat(h.preflight).isNull());
        assertThat(events).contains("app-1 exec stop preflight", "app-2 exec stop preflight", "app-3 exec stop preflight");
        assertThat(events).noneMatch(e -> e.contains("drain") || e.contains("exec stop crater") || e.contains("switch current"));
        assertThat(saved).isEmpty();
    }

    @Test
    void aCanaryFailingItsHealthGateAfterRestartGoesBackAndNobodyElseIsTouched() throws Exception {
        hosts.values().forEach(h -> h.liveHealth = id -> id.equals("old") ? 200 : 500);

        assertThatThrownBy(() -> rollout().deploy(cluster, bundle, progress))
                .isInstanceOfSatisfying(DeployFailedException.class, e -> {
                    assertThat(e.server()).isEqualTo("app-1");
                    assertThat(e.step()).isEqualTo(RolloutStep.HEALTH);
                    assertThat(e.getMessage()).contains("HTTP 500").contains("app-1 is back on old and healthy")
                            .contains("in rotation again").contains("Error: boom in");
                    assertThat(e.lastLogLines()).isNotEmpty();
                });
        assertThat(hosts.get("app-1").current).isEqualTo("old");
        assertThat(events).filteredOn(e -> e.startsWith("app-1 exec switch current to ")).hasSize(2).last().isEqualTo("app-1 exec switch current to old");
        assertThat(events).contains("app-1 undrain");
        assertThat(events).noneMatch(e -> e.startsWith("app-2 drain") || e.startsWith("app-3 drain")
                || e.startsWith("app-2 exec switch") || e.startsWith("app-3 exec stop crater"));
        assertThat(saved).isEmpty();
        assertThat(Files.exists(DeployLock.fileFor(tmp.resolve("locks"), "crater"))).isFalse();
    }

    @Test
    void aServerThatNeverAnswersFailsTheGateButA3xxIsHealthy() throws Exception {
        hosts.values().forEach(h -> h.health = id -> id.equals("old") ? 200 : 302);
        rollout().deploy(cluster, bundle, progress);
        assertThat(hosts.get("app-3").current).isNotEqualTo("old");

        hosts.values().forEach(h -> h.health = id -> 0);
        Path v3 = TestBundles.nodeApp(tmp, "v3.tar.gz", "node other.js");
        assertThatThrownBy(() -> rollout().deploy(cluster, v3, progress))
                .isInstanceOfSatisfying(DeployFailedException.class, e -> assertThat(e.getMessage()).contains("no answer"));
    }

    @Test
    void aFailedUploadStopsBeforeAnythingLiveChanges() {
        hosts.get("app-2").failing = d -> d.equals("upload");

        assertThatThrownBy(() -> rollout().deploy(cluster, bundle, progress))
                .isInstanceOfSatisfying(DeployFailedException.class, e -> {
                    assertThat(e.server()).isEqualTo("app-2");
                    assertThat(e.getMessage()).contains("checksum mismatch").contains("Nothing live changed");
                });
        assertThat(events).noneMatch(e -> e.contains("drain") || e.contains("exec stop crater") || e.contains("switch current"));
        assertThat(hosts.values()).allSatisfy(h -> assertThat(h.current).isEqualTo("old"));
    }

    @Test
    void aFailureOnTheSecondServerLeavesTheFirstOnTheNewReleaseAndTheThirdOnTheOld() throws Exception {
        hosts.get("app-2").failing = d -> d.equals("start crater") && !hosts.get("app-2").current.equals("old");

        assertThatThrownBy(() -> rollout().deploy(cluster, bundle, progress))
                .isInstanceOfSatisfying(DeployFailedException.class, e -> {
                    assertThat(e.server()).isEqualTo("app-2");
                    assertThat(e.step()).isEqualTo(RolloutStep.START);
                });
        assertThat(hosts.get("app-1").current).isNotEqualTo("old");
        assertThat(hosts.get("app-2").current).isEqualTo("old");
        assertThat(hosts.get("app-3").current).isEqualTo("old");
        assertThat(events).noneMatch(e -> e.startsWith("app-3 drain"));
        Cluster last = saved.get(saved.size() - 1);
        assertThat(last.server("app-1").orElseThrow().release()).isEqualTo(hosts.get("app-1").current);
        assertThat(last.server("app-2").orElseThrow().release()).isEqualTo("old");
        // A rollback from this mixed state returns everyone to the last whole release.
        assertThat(Rollout.rollbackTarget(last).id()).isEqualTo("old");
    }

    @Test
    void aFailedDrainChangesNothingOnTheServer() {
        BalancerControl broken = new BalancerControl() {
            @Override public String describe() { return "broken"; }
            @Override public void drain(Server s, Progress p) throws Exception { throw new java.io.IOException("stats socket refused"); }
            @Override public String awaitIdle(Server s, Duration max, Progress p) { return ""; }
            @Override public void undrain(Server s, Progress p) { events.add(s.name() + " undrain"); }
        };
        Rollout r = new Rollout(s -> hosts.get(s.name()), broken, ClusterSink.of(saved::add), pool, tmp.resolve("locks"), RolloutOptions.defaults());

        assertThatThrownBy(() -> r.deploy(cluster, bundle, progress))
                .isInstanceOfSatisfying(DeployFailedException.class, e -> {
                    assertThat(e.step()).isEqualTo(RolloutStep.DRAIN);
                    assertThat(e.getMessage()).contains("stats socket refused").contains("app-1 was not changed");
                });
        assertThat(events).noneMatch(e -> e.contains("exec stop crater") || e.contains("switch current"));
    }

    @Test
    void cancelStopsAfterTheCurrentServerLeavingEachOnAWholeRelease() {
        cancelAfter = "app-1";

        assertThatThrownBy(() -> rollout().deploy(cluster, bundle, progress)).isInstanceOf(CancelledException.class);
        assertThat(hosts.get("app-1").current).isNotEqualTo("old");
        assertThat(hosts.get("app-2").current).isEqualTo("old");
        assertThat(hosts.get("app-3").current).isEqualTo("old");
        assertThat(events).noneMatch(e -> e.startsWith("app-2 drain"));
        assertThat(saved.get(saved.size() - 1).server("app-1").orElseThrow().release()).isEqualTo(hosts.get("app-1").current);
        assertThat(Files.exists(DeployLock.fileFor(tmp.resolve("locks"), "crater"))).isFalse();
    }

    @Test
    void aSecondDeployIsRefusedWhileTheLockIsHeldSayingWho() throws Exception {
        try (DeployLock held = DeployLock.acquire(tmp.resolve("locks"), "crater", "deploy of x")) {
            assertThatThrownBy(() -> rollout().deploy(cluster, bundle, progress))
                    .isInstanceOf(DeployLockedException.class)
                    .hasMessageContaining("cluster crater is locked: deploy of x started by " + System.getProperty("user.name") + "@")
                    .hasMessageContaining("(pid " + ProcessHandle.current().pid() + ")");
        }
        assertThat(events).isEmpty();
    }

    @Test
    void rollbackGoesBackToThePreviousReleaseOneServerAtATime() throws Exception {
        Cluster deployed = rollout().deploy(cluster, bundle, progress);
        events.clear();

        Cluster back = rollout().rollback(deployed, progress);

        assertThat(hosts.values()).allSatisfy(h -> assertThat(h.current).isEqualTo("old"));
        assertThat(back.appServers()).allSatisfy(s -> assertThat(s.release()).isEqualTo("old"));
        assertThat(back.app().currentRelease().id()).isEqualTo("old");
        assertThat(events).noneMatch(e -> e.contains("upload"));
        assertThat(first("app-1 undrain")).isLessThan(first("app-2 drain"));
    }

    @Test
    void rollbackRefusesWhenThereIsNothingToGoBackTo() {
        assertThatThrownBy(() -> rollout().rollback(cluster, progress)).hasMessageContaining("only one release");
    }

    @Test
    void badEnvironmentIsRefusedBeforeAnyServerIsTouched() {
        Cluster bad = cluster.withApp(cluster.app().withEnvironment(Map.of("PORT", "80", "1BAD", "x")));
        assertThatThrownBy(() -> rollout().deploy(bad, bundle, progress))
                .hasMessageContaining("PORT is set by Orrery").hasMessageContaining("\"1BAD\"");
        assertThat(events).isEmpty();
    }
}
