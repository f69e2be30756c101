package dev.orrery.provision;

import dev.orrery.model.ServerState;
import dev.orrery.store.ClusterStore;
import dev.orrery.task.CancelledException;
import dev.orrery.task.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Provision against the fake DigitalOcean API whose new droplet is a real test host: the host key
 * is recorded, the app check and the deploy of the cluster's release run over real SSH, and the
 * new server takes traffic through the real nginx. Cancelled during the deploy, nothing is left:
 * no droplet in the fake, no server in the cluster file, no upstream in the balancer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProvisionIT {
    static ProvisionRig rig;

    @BeforeAll
    static void start() throws Exception {
        rig = new ProvisionRig();
    }

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    @Order(1)
    void provisionedServerRunsTheReleaseAndTakesTrafficThroughTheBalancer() throws Exception {
        String release = ClusterStore.load(rig.clusterFile).app().currentRelease().id();
        String address = rig.droplet.address();
        assertThat(Files.readString(rig.knownHosts)).doesNotContain(address);
        assertThat(rig.balancerConfig()).doesNotContain(address);

        var server = rig.workflow().run(rig.request("app-3"), dev.orrery.deploy.DeployFixture.printing("provision"));

        assertThat(server.state()).isEqualTo(ServerState.READY);
        assertThat(server.publicAddress()).isEqualTo(address);
        assertThat(rig.server("app-3").release()).isEqualTo(release);
        assertThat(rig.server("app-3").state()).isEqualTo(ServerState.READY);
        assertThat(Files.readString(rig.knownHosts)).as("the new droplet's host key is recorded").contains(address);
        assertThat(rig.balancerConfig()).contains(address);
        assertThat(rig.answersThroughBalancer("app-3", Duration.ofSeconds(60), 200))
                .as("app-3 answers a request through the balancer").isTrue();
        assertThat(rig.api.fake.droplets()).hasSize(1);
    }

    @Test
    @Order(2)
    void cancelDuringTheDeployLeavesNothingBehind() throws Exception {
        // app-3 leaves the cluster (its host stays up), so the same host can be handed out again as app-4
        rig.f.cluster = ClusterStore.load(rig.clusterFile).withoutServer("app-3");
        ClusterStore.save(rig.clusterFile, rig.f.cluster);
        rig.push();
        rig.api.fake.droplets().forEach(d -> rig.api.provider().delete(String.valueOf(d.id())));
        String address = rig.droplet.address();
        assertThat(rig.balancerConfig()).doesNotContain(address);

        long deletesBefore = deletes();
        AtomicBoolean cancel = new AtomicBoolean();
        AtomicBoolean sawDeploy = new AtomicBoolean();
        Progress printing = dev.orrery.deploy.DeployFixture.printing("cancel");
        Progress cancelling = new Progress() {
            @Override
            public void step(String name) {
                printing.step(name);
                if (name.equals(ProvisionStage.DEPLOY.label("app-4"))) {
                    sawDeploy.set(true);
                }
                if (sawDeploy.get() && name.startsWith("app-4 · ")) {
                    cancel.set(true); // a step inside the deploy itself
                }
            }

            @Override
            public void fraction(double done) {
            }

            @Override
            public void log(String line) {
                printing.log(line);
            }

            @Override
            public boolean cancelled() {
                return cancel.get();
            }
        };

        assertThatThrownBy(() -> rig.workflow().run(rig.request("app-4"), cancelling)).isInstanceOf(CancelledException.class);

        assertThat(cancel).as("cancelled during the deploy").isTrue();
        assertThat(rig.api.fake.droplets()).as("the droplet is deleted in the fake").isEmpty();
        assertThat(deletes() - deletesBefore).as("one DELETE for the droplet it made").isEqualTo(1);
        assertThat(ClusterStore.load(rig.clusterFile).server("app-4")).isEmpty();
        assertThat(rig.balancerConfig()).doesNotContain(address);
        assertThat(rig.answersThroughBalancer("app-4", Duration.ofSeconds(5), 20)).isFalse();
    }

    private static long deletes() {
        return rig.api.fake.requests().stream().filter(r -> r.startsWith("DELETE /v2/droplets/")).count();
    }
}
