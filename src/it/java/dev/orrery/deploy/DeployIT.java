package dev.orrery.deploy;

import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Deploys on three real app hosts behind a real nginx (stock, passive checks), under steady
 * keep-alive load from a client that never retries: v1 → v2 with zero failed requests, a broken
 * v3 stopped at the canary with zero failed requests, a refused second deploy, and a rollback.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployIT {
    static DeployFixture f;
    static final List<String> APPS = List.of("app-1", "app-2", "app-3");

    @BeforeAll
    static void start() throws Exception {
        f = new DeployFixture(BalancerKind.NGINX);
    }

    @AfterAll
    static void stop() {
        if (f != null) {
            f.close();
        }
    }

    static BalancerControl drain() {
        return PassiveDrain.forOrreryNginx();
    }

    static LoadClient load() {
        // 6 keep-alive connections, one request each every ~15 ms: about 300 requests/s, bounded in count.
        return new LoadClient(f.balancerAddress(), 80, 6, 15, 20_000).start();
    }

    static void report(String what, LoadClient l) {
        System.out.println(what + ": " + l.failed.get() + " failed of " + l.total() + " requests; versions seen " + l.versions);
        l.failures.forEach(x -> System.out.println("  failure: " + x.lines().findFirst().orElse("")));
        if (l.failed.get() > 0) {
            System.out.println("nginx error log:\n" + f.testHost("lb-1").exec("tail", "-n", "40", "/srv/lb/error.log").output());
        }
    }

    @Test
    @Order(1)
    void firstDeployOfAMeteorBundleStartsTheAppEverywhere() throws Exception {
        Cluster c = f.rollout(drain()).deploy(f.cluster, f.v1(), DeployFixture.printing("v1"));
        for (String s : APPS) {
            assertThat(f.versionOn(s)).as(s).isEqualTo("v1");
        }
        assertThat(c.app().currentRelease().kind()).isEqualTo(dev.orrery.model.Release.Kind.METEOR);
        assertThat(c.appServers()).extracting(Server::release).containsOnly(c.app().currentRelease().id());
        // The app runs as its own unprivileged user, never root.
        String uid = f.testHost("app-1").exec("sh", "-c", "awk '/^Uid:/{print $2}' /proc/$(cat /opt/crater/run/app.pid)/status").output().strip();
        assertThat(uid).isNotEmpty().isNotEqualTo("0");
        // The user's METEOR_SETTINGS reached the app intact; its env file is the app user's alone.
        String envFile = "/opt/crater/env/" + c.app().currentRelease().id() + ".env";
        assertThat(f.testHost("app-2").exec("stat", "-c", "%a %U", envFile).output().strip()).isEqualTo("600 crater");
        String seen = f.testHost("app-2").exec("sh", "-c", "tr '\\0' '\\n' < /proc/$(cat /opt/crater/run/app.pid)/environ | grep ^METEOR_SETTINGS=").output().strip();
        assertThat(seen).isEqualTo("METEOR_SETTINGS=" + f.cluster.app().environment().get("METEOR_SETTINGS"));
    }

    @Test
    @Order(2)
    void v1ToV2UnderLoadFailsNoRequest() throws Exception {
        Path v2 = f.nodeRelease("v2", "VERSION=v2");
        LoadClient l = load();
        try {
            waitForRequests(l, 300);
            f.rollout(drain()).deploy(f.cluster, v2, DeployFixture.printing("v2"));
            long after = l.total();
            waitForRequests(l, after + 300);
        } finally {
            l.close();
        }
        report("v1 → v2", l);
        for (String s : APPS) {
            assertThat(f.versionOn(s)).as(s).isEqualTo("v2");
        }
        assertThat(l.versions).containsKeys("v1", "v2");
        assertThat(l.total()).isGreaterThan(600);
        assertThat(l.failed.get()).as("failed requests: %s", l.failures).isZero();
    }

    @Test
    @Order(3)
    void aBrokenV3StopsAtTheCanaryWhichGoesBackToV2WithNoFailedRequest() throws Exception {
        Path v3 = f.nodeRelease("v3", "VERSION=v3 HEALTH_FAIL=1");
        Map<String, String> pidsBefore = Map.of("app-1", f.appPid("app-1"), "app-2", f.appPid("app-2"), "app-3", f.appPid("app-3"));
        String v2 = f.cluster.app().currentRelease().id();
        LoadClient l = load();
        try {
            waitForRequests(l, 300);
            assertThatThrownBy(() -> f.rollout(drain()).deploy(f.cluster, v3, DeployFixture.printing("v3")))
                    .isInstanceOfSatisfying(DeployFailedException.class, e -> {
                        System.out.println(e.getMessage());
                        assertThat(e.server()).isEqualTo("app-1");
                        assertThat(e.step()).isEqualTo(RolloutStep.PREFLIGHT);
                        // every server's preflight ran in phase one, in parallel; none was switched
                        assertThat(e.getMessage()).contains("HTTP 503").contains("never got traffic").contains("also failed on app-2, app-3")
                                .contains("Nothing was switched");
                        assertThat(e.lastLogLines()).anyMatch(x -> x.contains("testapp app-1 v3 listening"));
                    });
            waitForRequests(l, l.total() + 300);
        } finally {
            l.close();
        }
        report("broken v3", l);
        for (String s : APPS) {
            assertThat(f.versionOn(s)).as(s).isEqualTo("v2");
        }
        // No preflight is left running anywhere: nothing on the spare port, no pid file.
        for (String s : APPS) {
            var h = f.testHost(s);
            assertThat(h.exec("sh", "-c", "ss -Hltn 'sport = :13000'; ls /opt/crater/run").output()).as(s).doesNotContain("13000").doesNotContain("preflight.pid");
        }
        // No server restarted.
        assertThat(f.appPid("app-1")).isEqualTo(pidsBefore.get("app-1"));
        assertThat(f.appPid("app-2")).isEqualTo(pidsBefore.get("app-2"));
        assertThat(f.appPid("app-3")).isEqualTo(pidsBefore.get("app-3"));
        assertThat(f.cluster.appServers()).extracting(Server::release).containsOnly(v2);
        assertThat(l.versions).doesNotContainKey("v3");
        assertThat(l.failed.get()).as("failed requests: %s", l.failures).isZero();
    }

    @Test
    @Order(4)
    void aSecondConcurrentDeployIsRefusedSayingWhoStartedTheFirst() throws Exception {
        Path v4 = f.nodeRelease("v4", "VERSION=v4");
        CountDownLatch switching = new CountDownLatch(1);
        dev.orrery.task.Progress p = new dev.orrery.task.Progress() {
            final dev.orrery.task.Progress print = DeployFixture.printing("v4");
            @Override public void step(String name) { print.step(name); if (name.contains("· drain")) { switching.countDown(); } }
            @Override public void fraction(double done) { }
            @Override public void log(String line) { print.log(line); }
            @Override public boolean cancelled() { return false; }
        };
        Cluster before = f.cluster;
        CompletableFuture<Cluster> first = CompletableFuture.supplyAsync(() -> {
            try {
                return f.rollout(drain()).deploy(before, v4, p);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        assertThat(switching.await(120, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> f.rollout(drain()).deploy(before, v4, DeployFixture.printing("2nd")))
                .isInstanceOf(DeployLockedException.class)
                .hasMessageContaining("cluster crater is locked: deploy of ")
                .hasMessageContaining("@").hasMessageContaining("(pid " + ProcessHandle.current().pid() + ")");
        Cluster done = first.get(180, TimeUnit.SECONDS);
        for (String s : APPS) {
            assertThat(f.versionOn(s)).as(s).isEqualTo("v4");
        }
        assertThat(done.app().releases()).hasSize(3);
    }

    @Test
    @Order(5)
    void rollbackReturnsEveryServerToThePreviousReleaseUnderLoad() throws Exception {
        LoadClient l = load();
        Cluster back;
        try {
            waitForRequests(l, 300);
            back = f.rollout(drain()).rollback(f.cluster, DeployFixture.printing("rollback"));
            waitForRequests(l, l.total() + 300);
        } finally {
            l.close();
        }
        report("rollback v4 → v2", l);
        for (String s : APPS) {
            assertThat(f.versionOn(s)).as(s).isEqualTo("v2");
        }
        assertThat(back.appServers()).extracting(Server::release).containsOnly(back.app().currentRelease().id());
        assertThat(l.failed.get()).as("failed requests: %s", l.failures).isZero();
    }

    static void waitForRequests(LoadClient l, long n) {
        await(n + " requests answered or failed").atMost(java.time.Duration.ofMinutes(5)).pollInterval(java.time.Duration.ofMillis(50))
                .until(() -> l.total() >= n);
    }
}
