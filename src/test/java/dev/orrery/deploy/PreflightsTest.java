package dev.orrery.deploy;

import dev.orrery.model.HealthCheck;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.task.CancelledException;
import dev.orrery.task.Progress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bookkeeping of phase one's parallel preflights: results per server, the first failure, and no preflight left running. */
class PreflightsTest {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final ExecutorService pool = Executors.newFixedThreadPool(4);
    final AtomicBoolean cancel = new AtomicBoolean();
    final Progress progress = new Progress() {
        @Override public void step(String name) { }
        @Override public void fraction(double done) { }
        @Override public void log(String line) { }
        @Override public boolean cancelled() { return cancel.get(); }
    };
    final List<FakeHost> hosts = new ArrayList<>();
    final List<ServerTarget> targets = new ArrayList<>();

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    void servers(int n) {
        for (int i = 1; i <= n; i++) {
            FakeHost h = new FakeHost("app-" + i, "old", events);
            hosts.add(h);
            ServerTarget t = new ServerTarget(Server.of("app-" + i, Role.APP, "10.0.1." + i), h,
                    new ReleaseCommands(new AppLayout("/opt/orrery", "crater", false)));
            t.previous = "old";
            targets.add(t);
        }
    }

    Preflights preflights(RolloutOptions options) {
        HealthGate.Clock clock = new HealthGate.Clock() {
            long now;
            @Override public synchronized long millis() { return now; }
            @Override public synchronized void sleep(long ms) { now += ms; }
        };
        HealthGate gate = new HealthGate(HealthCheck.DEFAULT, Duration.ofSeconds(10), clock);
        return new Preflights(gate, options, 3000, pool, "new", progress);
    }

    static RolloutOptions options() {
        return RolloutOptions.defaults().withHealthDeadline(Duration.ofSeconds(10));
    }

    @Test
    void everyServersPreflightRunsAndIsStoppedAndTheSwitchCanUseItsResult() throws Exception {
        servers(3);
        try (Preflights p = preflights(options())) {
            targets.forEach(p::start);
            p.awaitAll(targets);
            assertThat(p.started()).isEqualTo(3);
            assertThat(targets).allSatisfy(t -> assertThat(p.passed(t)).isTrue());
        }
        for (FakeHost h : hosts) {
            assertThat(events).contains(h.name + " exec preflight new on port 13000", h.name + " exec GET / on port 13000", h.name + " exec stop preflight");
            assertThat(h.preflight).isNull();
            assertThat(h.current).isEqualTo("old");
        }
    }

    @Test
    void aFailureNamesTheFirstFailingServerInTheGivenOrderWithItsLogTailAndStopsEveryPreflight() throws Exception {
        servers(3);
        hosts.get(1).health = id -> id.equals("new") ? 500 : 200;
        hosts.get(2).health = id -> id.equals("new") ? 503 : 200;
        try (Preflights p = preflights(options())) {
            targets.forEach(p::start);
            assertThatThrownBy(() -> p.awaitAll(targets)).isInstanceOfSatisfying(DeployFailedException.class, e -> {
                assertThat(e.server()).isEqualTo("app-2");
                assertThat(e.step()).isEqualTo(RolloutStep.PREFLIGHT);
                assertThat(e.getMessage()).contains("HTTP 500").contains("never got traffic").contains("also failed on app-3")
                        .contains("Nothing was switched");
                assertThat(e.lastLogLines()).contains("log line 1 of app-2");
            });
            assertThat(p.passed(targets.get(0))).isTrue();
            assertThat(p.passed(targets.get(1))).isFalse();
        }
        assertThat(hosts).allSatisfy(h -> assertThat(h.preflight).isNull());
        assertThat(events).noneMatch(e -> e.contains("switch current") || e.contains("exec stop crater"));
    }

    @Test
    void aServerAlreadyOnTheReleaseOrPreflightsOffStartNothing() throws Exception {
        servers(2);
        targets.get(0).previous = "new";
        try (Preflights p = preflights(options())) {
            targets.forEach(p::start);
            p.awaitAll(targets);
            assertThat(p.started()).isEqualTo(1);
            assertThat(p.passed(targets.get(0))).isFalse();
        }
        try (Preflights p = preflights(options().withPreflight(false))) {
            targets.forEach(p::start);
            p.awaitAll(targets);
            assertThat(p.started()).isZero();
        }
        assertThat(events).noneMatch(e -> e.startsWith("app-1 exec preflight"));
        assertThat(events).filteredOn(e -> e.startsWith("app-2 exec preflight")).hasSize(1);
    }

    @Test
    void cancellingEndsAGateStillProbingAndStopsItsPreflight() throws Exception {
        servers(2);
        // never healthy: the gate would probe for its whole deadline; the cancel comes at the first probe
        hosts.forEach(h -> h.health = id -> {
            if (id.equals("new")) {
                cancel.set(true);
                return 500;
            }
            return 200;
        });
        try (Preflights p = preflights(options())) {
            targets.forEach(p::start);
            assertThatThrownBy(() -> p.awaitAll(targets)).isInstanceOf(CancelledException.class);
        }
        assertThat(hosts).allSatisfy(h -> assertThat(h.preflight).isNull());
    }

    @Test
    void closingWithoutWaitingAbortsTheGatesAndLeavesNoPreflightRunning() {
        servers(3);
        hosts.forEach(h -> h.health = id -> id.equals("new") ? 500 : 200);
        Preflights p = preflights(options().withHealthDeadline(Duration.ofDays(1)));
        targets.forEach(p::start);
        p.close(); // e.g. another server's install failed: phase one throws and never awaits
        assertThat(hosts).allSatisfy(h -> assertThat(h.preflight).isNull());
        p.start(targets.get(0));
        assertThat(p.started()).isEqualTo(3);
    }
}
