package dev.orrery.provision;

import dev.orrery.cloud.DigitalOceanProvider;
import dev.orrery.cloud.FakeApiFixture;
import dev.orrery.cloud.Sleeper;
import dev.orrery.cloud.fake.FakeDroplet;
import dev.orrery.cloud.fake.Fault;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;
import dev.orrery.task.CancelledException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecommissionWorkflowTest {
    private final FakeApiFixture f = new FakeApiFixture();
    private final DigitalOceanProvider provider = f.provider();
    private final FakeDroplet droplet;
    private final InMemoryClusterModel model;
    private final FakeSeams seams = new FakeSeams();
    private final RecordingProgress progress = new RecordingProgress();
    private final ProvisionTimeouts timeouts = new ProvisionTimeouts(Duration.ofMinutes(5), Duration.ofMinutes(1),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(30), Duration.ofSeconds(2));

    DecommissionWorkflowTest() throws IOException {
        droplet = f.fake.droplet("app-2", List.of("orrery:crater"));
        Server app2 = Server.of("app-2", Role.APP, droplet.publicIp()).withState(ServerState.READY)
                .withProvider("digitalocean", String.valueOf(droplet.id()), "nyc3", "s-1vcpu-1gb");
        model = new InMemoryClusterModel(TestClusters.crater().withServer(app2));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private DecommissionWorkflow workflow(Sleeper sleeper) {
        return new DecommissionWorkflow(provider, model, seams.pusher(), timeouts, sleeper);
    }

    @Test
    void drainsThenLeavesTheBalancerThenDeletesThenForgets() throws Exception {
        workflow(d -> { }).run("app-2", progress);
        assertThat(seams.pushes).hasSize(2);
        Cluster drained = seams.pushes.get(0);
        assertThat(drained.balancer().isDrained("app-2")).isTrue();
        assertThat(drained.server("app-2")).isPresent();
        assertThat(seams.pushes.get(1).server("app-2")).isEmpty();
        assertThat(f.fake.droplets()).isEmpty();
        assertThat(model.current().server("app-2")).isEmpty();
        assertThat(model.current().balancer().drained()).isEmpty();
        assertThat(progress.steps).containsExactly("Drain app-2", "Remove app-2 from the balancer",
                "Delete droplet " + droplet.id(), "Remove app-2 from the cluster");
    }

    @Test
    void whenTheDeleteFailsTheServerStaysOutOfRotationMarkedFailed() {
        for (int i = 0; i < 5; i++) {
            f.fake.fault("DELETE /v2/droplets/{id}", Fault.serverError());
        }
        assertThatThrownBy(() -> workflow(d -> { }).run("app-2", progress))
                .isInstanceOf(ProvisionException.class).hasMessageContaining("marked failed");
        Server kept = model.current().server("app-2").orElseThrow();
        assertThat(kept.state()).isEqualTo(ServerState.FAILED);
        assertThat(kept.dropletId()).isEqualTo(String.valueOf(droplet.id()));
        assertThat(seams.inRotation()).containsExactly("app-1");
        assertThat(f.fake.droplets()).hasSize(1);
    }

    @Test
    void aFailedServerIsDeletedWithoutTouchingTheBalancerAgain() throws Exception {
        for (int i = 0; i < 5; i++) {
            f.fake.fault("DELETE /v2/droplets/{id}", Fault.serverError());
        }
        assertThatThrownBy(() -> workflow(d -> { }).run("app-2", progress)).isInstanceOf(ProvisionException.class);
        int pushesBefore = seams.pushes.size();
        // The window's "delete" on the failed node, once the API works again:
        workflow(d -> { }).run("app-2", new RecordingProgress());
        assertThat(seams.pushes).hasSize(pushesBefore);
        assertThat(f.fake.droplets()).isEmpty();
        assertThat(model.current().server("app-2")).isEmpty();
    }

    @Test
    void cancelDuringTheDrainPutsTheServerBackIntoRotation() {
        Sleeper cancelling = d -> progress.cancel();
        assertThatThrownBy(() -> workflow(cancelling).run("app-2", progress)).isInstanceOf(CancelledException.class);
        assertThat(f.fake.droplets()).hasSize(1);
        assertThat(model.current().balancer().isDrained("app-2")).isFalse();
        assertThat(seams.inRotation()).containsExactly("app-1", "app-2");
    }
}
