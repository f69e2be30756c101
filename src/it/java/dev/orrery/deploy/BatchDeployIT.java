package dev.orrery.deploy;

import dev.orrery.it.LaptopLink;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code --batch 2} on four real app hosts behind a real nginx under steady keep-alive GET+POST
 * load: the canary alone, then two servers out at once (two of four keep serving), then the last
 * one — with zero failed requests. Kept lean: small releases, one short load run.
 */
class BatchDeployIT {

    @Test
    void twoServersAtATimeUnderLoadWithoutAFailedRequest() throws Exception {
        try (DeployFixture f = new DeployFixture(BalancerKind.NGINX, LaptopLink.UNSHAPED, 4)) {
            RolloutOptions batch2 = DeployFixture.options().withBatch(2);
            // first deploy: no load yet, so no fail_timeout to wait out
            f.rollout(new PassiveDrain(Duration.ZERO), batch2).deploy(f.cluster, f.nodeRelease("b1", "VERSION=v1"), DeployFixture.printing("b1"));

            List<String> log = new CopyOnWriteArrayList<>();
            LoadClient load = new LoadClient(f.balancerAddress(), 80, 6, 15, 20_000).start();
            Cluster done;
            try {
                await().atMost(Duration.ofMinutes(3)).until(() -> load.total() >= 200);
                done = f.rollout(PassiveDrain.forOrreryNginx(), batch2).deploy(f.cluster, f.nodeRelease("b2", "VERSION=v2"), capturing(log));
                long seen = load.total();
                await().atMost(Duration.ofMinutes(3)).until(() -> load.total() >= seen + 200);
            } finally {
                load.close();
            }
            System.out.printf("batch deploy: %d failed of %d (GET failed %d, POST failed %d)%n",
                    load.failed.get(), load.total(), load.failedGets.get(), load.failedPosts.get());
            load.failures.forEach(x -> System.out.println("  failure: " + x.lines().findFirst().orElse("")));

            assertThat(load.failed.get()).isZero();
            assertThat(load.total()).isGreaterThan(400);
            assertThat(log).anyMatch(l -> l.startsWith("switching in batches of up to 2 after the canary (3 batches; at least 2 of 4"));
            // app-2 and app-3 were out together: both left before either came back
            int app2Back = index(log, "app-2: healthy after");
            int app3Back = index(log, "app-3: healthy after");
            assertThat(index(log, "app-2: nginx is not reloaded")).isLessThan(app3Back);
            assertThat(index(log, "app-3: nginx is not reloaded")).isLessThan(app2Back);
            for (int i = 1; i <= 4; i++) {
                assertThat(f.versionOn("app-" + i)).as("app-" + i).isEqualTo("v2");
            }
            assertThat(done.appServers()).allSatisfy(s -> assertThat(s.release()).isEqualTo(done.app().currentRelease().id()));
        }
    }

    private static int index(List<String> log, String prefix) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no log line starts with " + prefix);
    }

    private static dev.orrery.task.Progress capturing(List<String> into) {
        dev.orrery.task.Progress print = DeployFixture.printing("b2");
        return new dev.orrery.task.Progress() {
            @Override public void step(String name) { print.step(name); }
            @Override public void fraction(double d) { }
            @Override public void log(String line) { into.add(line); print.log(line); }
            @Override public boolean cancelled() { return false; }
        };
    }
}
