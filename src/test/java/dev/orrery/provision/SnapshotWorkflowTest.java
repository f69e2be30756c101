package dev.orrery.provision;

import dev.orrery.cloud.DigitalOceanProvider;
import dev.orrery.cloud.FakeApiFixture;
import dev.orrery.cloud.Snapshot;
import dev.orrery.cloud.fake.FakeDroplet;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotWorkflowTest {
    private final FakeApiFixture f = new FakeApiFixture();
    // Polls every 2 s of the test's stepping clock, so the 30 s shutdown timeout is 15 polls.
    private final DigitalOceanProvider provider = f.provider(f.config().withPolling(Duration.ofSeconds(2), 200));
    private final FakeDroplet droplet;
    private final InMemoryClusterModel model;
    private final RecordingProgress progress = new RecordingProgress();
    private final ProvisionTimeouts timeouts = new ProvisionTimeouts(Duration.ofMinutes(5), Duration.ofMinutes(1),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(30), Duration.ZERO);

    SnapshotWorkflowTest() throws IOException {
        droplet = f.fake.droplet("app-1", List.of("orrery:crater"));
        Cluster c = TestClusters.crater();
        Server app1 = c.server("app-1").orElseThrow().withProvider("digitalocean", String.valueOf(droplet.id()), "nyc3", "s-1vcpu-1gb");
        model = new InMemoryClusterModel(c.replaceServer("app-1", app1));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void shutsDownSnapshotsAndPowersOnAndTheSnapshotIsListed() {
        Snapshot s = new SnapshotWorkflow(provider, model, timeouts).run("app-1", "crater-2026-11-28", progress);
        assertThat(f.fake.actionTypes()).containsExactly("shutdown", "snapshot", "power_on");
        assertThat(s.name()).isEqualTo("crater-2026-11-28");
        assertThat(s.resourceId()).isEqualTo(String.valueOf(droplet.id()));
        assertThat(provider.snapshots()).extracting(Snapshot::id).contains(s.id());
        assertThat(droplet.status()).isEqualTo("active");
        assertThat(model.current().server("app-1").orElseThrow().state()).isEqualTo(ServerState.READY);
    }

    @Test
    void aShutdownThatDoesNotStopTheDropletFallsBackToPowerOff() {
        f.fake.ignoreShutdown();
        new SnapshotWorkflow(provider, model, timeouts).run("app-1", "crater-snap", progress);
        assertThat(f.fake.actionTypes()).containsExactly("shutdown", "power_off", "snapshot", "power_on");
        assertThat(progress.logs).anyMatch(l -> l.contains("did not stop within 30 s"));
        assertThat(droplet.status()).isEqualTo("active");
    }

    @Test
    void aFailedSnapshotStillPowersTheServerOn() {
        f.fake.errorActions("snapshot");
        assertThatThrownBy(() -> new SnapshotWorkflow(provider, model, timeouts).run("app-1", "crater-snap", progress))
                .hasMessageContaining("snapshot").hasMessageContaining("errored");
        assertThat(f.fake.actionTypes()).endsWith("power_on");
        assertThat(droplet.status()).isEqualTo("active");
        assertThat(model.current().server("app-1").orElseThrow().state()).isEqualTo(ServerState.READY);
    }

    @Test
    void aServerOrreryDidNotMakeIsRefused() {
        model.update(c -> c.withServer(Server.of("app-9", Role.APP, "198.18.0.99")));
        assertThatThrownBy(() -> new SnapshotWorkflow(provider, model, timeouts).run("app-9", "x", progress))
                .hasMessageContaining("not a digitalocean droplet");
        assertThat(f.fake.actionTypes()).isEmpty();
    }
}
