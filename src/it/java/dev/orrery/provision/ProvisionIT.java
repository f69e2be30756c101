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
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Provision against the fake DigitalOcean API whose new droplet is a real test host: the host key
 * is recorded, the app check and the deploy of the cluster's release run over real SSH, and the
 * new server takes traffic through the real nginx — from the release's bundle, or without it
 * from a copy of the release on app-1. Cancelled during the deploy, nothing is left:
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
        dev.orrery.it.Wait.until("app-3 to answer a request through the balancer", () -> rig.answersThroughBalancer("app-3", 20));
        assertThat(rig.api.fake.droplets()).hasSize(1);
    }

    @Test
    @Order(2)
    void withoutTheBundleHereTheReleaseIsCopiedFromAnAppServer() throws Exception {
        rig.retire("app-3"); // the same test host becomes a blank droplet again, handed out as app-4
        var release = ClusterStore.load(rig.clusterFile).app().currentRelease();
        Path bundle = rig.f.scratch.resolve(release.bundle());
        Path away = Files.move(bundle, rig.f.scratch.resolve("elsewhere.tar.gz"));
        List<String> log = new CopyOnWriteArrayList<>();
        Progress printing = dev.orrery.deploy.DeployFixture.printing("copy");
        try {
            var server = rig.workflow().run(rig.request("app-4"), new Progress() {
                @Override public void step(String name) { printing.step(name); log.add(name); }
                @Override public void fraction(double done) { }
                @Override public void log(String line) { printing.log(line); log.add(line); }
                @Override public boolean cancelled() { return false; }
            });
            assertThat(server.state()).isEqualTo(ServerState.READY);
        } finally {
            Files.move(away, bundle);
        }
        assertThat(log).anyMatch(l -> l.contains("copying " + release.id() + " from app-1"));
        assertThat(rig.server("app-4").release()).isEqualTo(release.id());
        assertThat(rig.droplet.exec("test", "-d", "/opt/crater/releases/" + release.id()).ok()).isTrue();
        dev.orrery.it.Wait.until("app-4 to answer a request through the balancer", () -> rig.answersThroughBalancer("app-4", 20));
    }

    @Test
    @Order(3)
    void cancelDuringTheDeployLeavesNothingBehind() throws Exception {
        rig.retire("app-4"); // handed out once more, as app-5
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
                if (name.equals(ProvisionStage.DEPLOY.label("app-5"))) {
                    sawDeploy.set(true);
                }
                if (sawDeploy.get() && name.startsWith("app-5 · ")) {
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

        assertThatThrownBy(() -> rig.workflow().run(rig.request("app-5"), cancelling)).isInstanceOf(CancelledException.class);

        assertThat(cancel).as("cancelled during the deploy").isTrue();
        assertThat(rig.api.fake.droplets()).as("the droplet is deleted in the fake").isEmpty();
        assertThat(deletes() - deletesBefore).as("one DELETE for the droplet it made").isEqualTo(1);
        assertThat(ClusterStore.load(rig.clusterFile).server("app-5")).isEmpty();
        assertThat(rig.balancerConfig()).doesNotContain(address);
        assertThat(rig.answersThroughBalancer("app-5", 20)).isFalse();
        assertThat(rig.droplet.exec("test", "-e", "/opt/crater/current").ok()).as("the app was never switched on").isFalse();
    }

    private static long deletes() {
        return rig.api.fake.requests().stream().filter(r -> r.startsWith("DELETE /v2/droplets/")).count();
    }
}
