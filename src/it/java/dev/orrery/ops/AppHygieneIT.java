package dev.orrery.ops;

import dev.orrery.deploy.AppEnvironment;
import dev.orrery.deploy.DeployFailedException;
import dev.orrery.deploy.DeployFixture;
import dev.orrery.deploy.LoadClient;
import dev.orrery.deploy.PassiveDrain;
import dev.orrery.deploy.RolloutStep;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.store.ClusterStore;
import dev.orrery.task.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * On a droplet-like test host behind nginx, deployed over real SSH as root: the app's process
 * environment holds only what Orrery sets and a service's own variables, nothing of the SSH
 * session; and a release that dies at once fails the canary's health gate in seconds — not at the
 * 90 s deadline — printing its log once, the probe lines collapsed, under load with no failed request.
 */
class AppHygieneIT {
    static DeployFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new DeployFixture(BalancerKind.NGINX);
        // app-1 alone behind the balancer: the tests need one server, and one deploys fast
        f.cluster = f.cluster.withoutServer("app-2").withoutServer("app-3");
        ClusterStore.save(f.scratch.resolve("crater.json"), f.cluster);
        f.rollout(PassiveDrain.forOrreryNginx()).deploy(f.cluster, f.v1(), DeployFixture.printing("v1"));
        try (var lb = f.ssh(f.cluster.server("lb-1").orElseThrow())) {
            new dev.orrery.proxy.ProxyPush(lb, f.balancerLayout).push(f.cluster, Progress.NONE);
        }
    }

    @AfterAll
    static void stop() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void theAppsEnvironmentHoldsOnlyWhatOrrerySetsNothingFromTheSshSession() throws Exception {
        String pid = f.testHost("app-1").exec("cat", "/opt/crater/run/app.pid").output().strip();
        byte[] raw = Files.readAllBytes(Path.of("/proc", pid, "environ"));
        Set<String> names = new TreeSet<>();
        StringBuilder shown = new StringBuilder();
        for (String kv : new String(raw, StandardCharsets.UTF_8).split("\0")) {
            if (!kv.isEmpty()) {
                names.add(kv.substring(0, kv.indexOf('=')));
                shown.append(kv, 0, Math.min(kv.length(), 60)).append('\n');
            }
        }
        System.out.println("environment of app-1's app (pid " + pid + "):\n" + shown);
        Cluster c = f.cluster;
        Set<String> expected = new TreeSet<>(AppEnvironment.forServer(c, c.server("app-1").orElseThrow(), c.server("app-1").orElseThrow().release()).keySet());
        expected.addAll(List.of("PATH", "HOME", "USER", "LOGNAME", "PWD"));
        assertThat(names).isEqualTo(expected);
        String env = new String(raw, StandardCharsets.UTF_8);
        assertThat(env).contains("USER=crater\0").contains("LOGNAME=crater\0").doesNotContain("SSH_").doesNotContain("OLDPWD")
                .doesNotContain("USER=root");
    }

    @Test
    void aReleaseThatDiesAtOnceFailsTheGateInSecondsAndKeepsTheOldRelease() throws Exception {
        Path dead = f.nodeRelease("dead", "NODE_OPTIONS=--require=/orrery-no-such-module");
        List<String> log = new CopyOnWriteArrayList<>();
        Progress printing = DeployFixture.printing("dead");
        Progress progress = new Progress() {
            @Override public void step(String name) { printing.step(name); }
            @Override public void fraction(double done) { }
            @Override public void log(String line) { printing.log(line); log.add(line); }
            @Override public boolean cancelled() { return false; }
        };
        LoadClient load = new LoadClient(f.balancerAddress(), 80, 4, 10, 20_000).start();
        DeployFailedException e;
        long t0 = System.nanoTime();
        try {
            e = catchThrowableOfType(DeployFailedException.class, () -> f.rollout(PassiveDrain.forOrreryNginx(),
                    DeployFixture.options().withHealthDeadline(Duration.ofSeconds(90))).deploy(f.cluster, dead, progress));
        } finally {
            load.close();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("the deploy of a release that dies at once failed after " + ms + " ms (upload included): " + e.getMessage());

        assertThat(e).isNotNull();
        assertThat(e.step()).isEqualTo(RolloutStep.PREFLIGHT);
        assertThat(e.getMessage()).contains("the app exited").contains("ms into its health gate").contains("it never got traffic");
        assertThat(e.lastLogLines()).anyMatch(l -> l.contains("orrery-no-such-module"));
        assertThat(log.stream().filter(l -> l.contains("/health →")).count()).as("probe lines, collapsed").isLessThan(6);
        assertThat(f.versionOn("app-1")).isEqualTo("v1");
        assertThat(load.failed.get()).as("failed requests: " + load.failures).isZero();
    }
}
