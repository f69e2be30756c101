package dev.orrery.deploy;

import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Send only what changed, on three real app hosts behind a real nginx: a first deploy of a 6 MB
 * release uploads it whole; the second, whose only change is package.json, sends a small fraction
 * (the changed file and the plan), builds the release with hard links to the unchanged payload,
 * verified by SHA-256 — under steady keep-alive load with zero failed requests.
 */
class DeltaDeployIT {
    static final List<String> APPS = List.of("app-1", "app-2", "app-3");

    @Test
    void secondDeployWithOneChangedFileSendsOnlyThatUnderLoadWithoutAFailedRequest() throws Exception {
        try (DeployFixture f = new DeployFixture(BalancerKind.NGINX)) {
            Path v1 = f.bigRelease("d1", "VERSION=v1", 6);
            Path v2 = f.bigRelease("d2", "VERSION=v2", 6);
            long size = Files.size(v2);

            Rollout first = f.rollout(PassiveDrain.forOrreryNginx());
            Cluster c1 = first.deploy(f.cluster, v1, DeployFixture.printing("d1"));
            // fanned out: one whole upload from this machine, the other servers fetch it from the first
            assertThat(first.bytesSent()).as("first deploy: one whole upload, fanned out").isEqualTo(Files.size(v1));
            String oldId = c1.app().currentRelease().id();

            LoadClient load = new LoadClient(f.balancerAddress(), 80, 6, 15, 20_000).start();
            Rollout second = f.rollout(PassiveDrain.forOrreryNginx());
            Cluster c2;
            try {
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(3)).until(() -> load.total() >= 200);
                c2 = second.deploy(f.cluster, v2, DeployFixture.printing("d2"));
                long seen = load.total();
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(3)).until(() -> load.total() >= seen + 200);
            } finally {
                load.close();
            }
            System.out.printf("delta deploy: sent %d bytes for a %d-byte release to 3 servers (%.2f%% of whole uploads); load: %d failed of %d%n",
                    second.bytesSent(), size, 100.0 * second.bytesSent() / (3.0 * size), load.failed.get(), load.total());
            load.failures.forEach(x -> System.out.println("  failure: " + x.lines().findFirst().orElse("")));

            assertThat(load.failed.get()).isZero();
            assertThat(load.total()).isGreaterThan(400);
            assertThat(second.bytesSent()).as("bytes sent by the laptop").isPositive().isLessThan(3 * size / 50);
            String newId = c2.app().currentRelease().id();
            for (String s : APPS) {
                assertThat(f.versionOn(s)).as(s).isEqualTo("v2");
                var h = f.testHost(s);
                // the unchanged payload is the very same file as in the earlier release (a hard link), and intact
                String inodes = h.exec("stat", "-c", "%i", "/opt/crater/releases/" + oldId + "/payload.bin", "/opt/crater/releases/" + newId + "/payload.bin").output();
                assertThat(inodes.lines().distinct().count()).as(s + " inodes " + inodes).isEqualTo(1);
                assertThat(h.exec("grep", "-c", "VERSION=v2", "/opt/crater/releases/" + newId + "/package.json").output().strip()).isEqualTo("1");
            }
        }
    }
}
