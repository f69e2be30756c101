package dev.orrery.deploy;

import dev.orrery.model.BalancerKind;
import dev.orrery.remote.Host;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The same rollout behind a real HAProxy, drained through its runtime API (no reload): v1 → v2
 * under steady keep-alive load with zero failed requests, then a broken v3 stopped at the canary.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployHaproxyIT {
    static DeployFixture f;
    static Host lb;
    static final List<String> APPS = List.of("app-1", "app-2", "app-3");

    @BeforeAll
    static void start() throws Exception {
        f = new DeployFixture(BalancerKind.HAPROXY);
        lb = f.ssh(f.cluster.server("lb-1").orElseThrow());
    }

    @AfterAll
    static void stop() {
        if (lb != null) {
            lb.close();
        }
        if (f != null) {
            f.close();
        }
    }

    static BalancerControl drain() {
        return new HaproxyRuntimeDrain(lb, f.balancerLayout, f.cluster);
    }

    @Test
    @Order(1)
    void v1ThenV2UnderLoadFailsNoRequest() throws Exception {
        f.rollout(drain()).deploy(f.cluster, f.v1(), DeployFixture.printing("hv1"));
        Path v2 = f.nodeRelease("v2", "VERSION=v2");
        LoadClient l = new LoadClient(f.balancerAddress(), 80, 6, 15, 20_000).start();
        try {
            DeployIT.waitForRequests(l, 300);
            f.rollout(drain()).deploy(f.cluster, v2, DeployFixture.printing("hv2"));
            DeployIT.waitForRequests(l, l.total() + 300);
        } finally {
            l.close();
        }
        System.out.println("haproxy v1 → v2: " + l.failed.get() + " failed of " + l.total() + " requests; versions seen " + l.versions);
        l.failures.forEach(x -> System.out.println("  failure: " + x.lines().findFirst().orElse("")));
        for (String s : APPS) {
            assertThat(f.versionOn(s)).as(s).isEqualTo("v2");
        }
        assertThat(l.versions).containsKeys("v1", "v2");
        assertThat(l.failed.get()).as("failed requests: %s", l.failures).isZero();
    }

    @Test
    @Order(2)
    void aBrokenV3IsStoppedAtTheCanary() throws Exception {
        Path v3 = f.nodeRelease("v3", "VERSION=v3 HEALTH_FAIL=1");
        LoadClient l = new LoadClient(f.balancerAddress(), 80, 6, 15, 20_000).start();
        try {
            DeployIT.waitForRequests(l, 300);
            assertThatThrownBy(() -> f.rollout(drain()).deploy(f.cluster, v3, DeployFixture.printing("hv3")))
                    .isInstanceOfSatisfying(DeployFailedException.class, e -> {
                        assertThat(e.server()).isEqualTo("app-1");
                        assertThat(e.step()).isEqualTo(RolloutStep.PREFLIGHT);
                    });
        } finally {
            l.close();
        }
        System.out.println("haproxy broken v3: " + l.failed.get() + " failed of " + l.total() + " requests; versions seen " + l.versions);
        for (String s : APPS) {
            assertThat(f.versionOn(s)).as(s).isEqualTo("v2");
        }
        assertThat(l.versions).doesNotContainKey("v3");
        assertThat(l.failed.get()).as("failed requests: %s", l.failures).isZero();
    }
}
