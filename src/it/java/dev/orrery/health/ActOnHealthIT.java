package dev.orrery.health;

import dev.orrery.engine.Engine;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.Stickiness;
import dev.orrery.proxy.BalancerRig;
import dev.orrery.proxy.ProxyPush;
import dev.orrery.proxy.RawHttp;
import dev.orrery.task.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The "act on it" option end to end on the test hosts: stock nginx on the balancer host (pushed
 * by the proxy workflow over real SSH), the test app on two hosts. Orrery's probes see app-2
 * die, the option renders it {@code down} and reloads nginx, and requests stop reaching it;
 * when app-2 is back, it is put back. The time from the kill to the reloaded configuration is
 * printed (a stock nginx alone would keep trying the dead server every fail_timeout).
 */
class ActOnHealthIT {
    private static BalancerRig rig;

    @BeforeAll
    static void start() throws Exception {
        rig = new BalancerRig(BalancerKind.NGINX, 2, 0);
    }

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    private static String nginxConf() throws Exception {
        return Files.readString(rig.hosts.get(0).path(rig.layout.configPath()));
    }

    /** The limit is a safety net, not a bound: the times this test reports are measured, not asserted. */
    private static void waitUntil(String what, java.util.concurrent.Callable<Boolean> c) {
        await(what).atMost(java.time.Duration.ofMinutes(3)).pollInterval(java.time.Duration.ofMillis(20)).until(c);
    }

    @Test
    void aDeadServerIsTakenOutOfStockNginxAndPutBack() throws Exception {
        Cluster cluster = rig.cluster(Stickiness.CONSISTENT_HASH);
        new ProxyPush(rig.balancer, rig.layout).push(cluster, Progress.NONE);
        AtomicReference<Cluster> live = new AtomicReference<>(cluster);
        HealthCheck hc = cluster.balancer().healthCheck();
        try (Engine engine = new Engine();
             HealthMonitor monitor = HealthMonitor.create(cluster, engine.scheduler(), engine.io())) {
            monitor.setBalancerViewSource(new ProxyBalancerViewSource(rig.balancer, live::get, rig.layout), 2000);
            ActOnHealth act = new ActOnHealth(monitor, () -> live.get().balancer(),
                    new ProxyDrainActions(rig.balancer, rig.layout, live), engine.io());
            act.setEnabled(true);
            monitor.addListener(act);
            ChangeLog log = new ChangeLog();
            monitor.addListener(log);
            monitor.start();
            log.await("app-1", HealthState.UP, 0);
            log.await("app-2", HealthState.UP, 0);
            waitUntil("the balancer's view", () -> monitor.balancerView() != null);
            assertThat(monitor.balancerView().activeChecks()).isFalse();
            assertThat(nginxConf()).doesNotContain("drained");

            long killed = System.nanoTime();
            rig.apps.get(1).kill();
            long downMs = log.await("app-2", HealthState.DOWN, killed);
            waitUntil("app-2 drained by the push", () -> live.get().balancer().isDrained("app-2"));
            long outMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
            System.out.printf("[health-it] act on it: app-2 killed -> seen down after %d ms (bound %d ms) -> nginx pushed"
                    + " and reloaded with it down after %d ms%n", downMs, hc.worstCaseDetectionMs(), outMs);
            assertThat(nginxConf()).contains("# app-2, drained");
            assertThat(act.marked()).containsExactly("app-2");
            assertThat(live.get().balancer().isDrained("app-2")).isTrue();
            for (int i = 0; i < 20; i++) {
                RawHttp.Response r = rig.get(null, "/who?" + i);
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.server()).isEqualTo("app-1");
            }

            rig.apps.set(1, rig.startApp(2, "1"));
            waitUntil("app-2 put back", () -> !live.get().balancer().isDrained("app-2"));
            assertThat(nginxConf()).doesNotContain("# app-2, drained");
            assertThat(act.marked()).isEmpty();
            assertThat(live.get().balancer().isDrained("app-2")).isFalse();
        }
    }
}
