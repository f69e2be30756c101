package dev.orrery.provision;

import dev.orrery.cloud.DigitalOceanProvider;
import dev.orrery.cloud.FakeApiFixture;
import dev.orrery.cloud.fake.Fault;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;
import dev.orrery.model.Cluster;
import dev.orrery.store.ClusterStore;
import dev.orrery.task.CancelledException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The provision state machine against the fake DigitalOcean API, with fake SSH, deploy and push. */
class ProvisionWorkflowTest {
    private final FakeApiFixture f = new FakeApiFixture();
    private final DigitalOceanProvider provider = f.provider();
    private final InMemoryClusterModel model = new InMemoryClusterModel(TestClusters.crater());
    private final FakeSeams seams = new FakeSeams();
    private final RecordingProgress progress = new RecordingProgress();

    @TempDir
    Path dir;

    ProvisionWorkflowTest() throws IOException {
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private ProvisionWorkflow workflow(ClusterModel m) {
        return new ProvisionWorkflow(provider, m, seams.seams(), ProvisionTimeouts.DEFAULT);
    }

    private ProvisionRequest request() {
        return new ProvisionRequest("app-2", TestClusters.template(f.fake.baseImage().id()), "root", "agent");
    }

    @Test
    void makesAServerFromTheSnapshotAndPutsItIntoService() {
        Server s = workflow(model).run(request(), progress);

        var droplet = f.fake.droplets().get(0);
        assertThat(s.state()).isEqualTo(ServerState.READY);
        assertThat(s.dropletId()).isEqualTo(String.valueOf(droplet.id()));
        assertThat(s.publicAddress()).isEqualTo(droplet.publicIp()).startsWith("198.18.1.");
        assertThat(s.privateAddress()).startsWith("198.19.1.");
        assertThat(s.internalAddress()).isEqualTo(s.privateAddress());
        assertThat(s.release()).isEqualTo("v1");
        assertThat(s.provider()).isEqualTo("digitalocean");
        assertThat(s.region()).isEqualTo("nyc3");
        assertThat(model.current().server("app-2")).contains(s);

        assertThat(seams.sshWaitedFor).containsExactly("app-2@" + droplet.publicIp());
        assertThat(seams.deployedTo).containsExactly("app-2:v1");
        assertThat(seams.inRotation()).containsExactly("app-1", "app-2");
        assertThat(progress.steps).containsExactlyElementsOf(Arrays.stream(ProvisionStage.values()).map(st -> st.label("app-2")).toList());
        assertThat(progress.fractions).isSorted().endsWith(1.0);

        var body = f.fake.createBodies().get(0);
        assertThat(body.get("image").asLong()).isEqualTo(f.fake.baseImage().id());
        assertThat(body.get("tags").toString()).contains("orrery:crater").contains("\"orrery:crater:app\""); // the Cloud Firewall selects by it
        assertThat(body.get("vpc_uuid").asText()).isEqualTo("760e09ef-dc84-11e8-981e-3cfdfeaae000");
        assertThat(body.has("private_networking")).as("deprecated: the VPC gives the private address").isFalse();
    }

    @Test
    void withoutALoginKeyTheNewServerLogsInWithTheKeyTheClusterUses() {
        model.update(c -> c.replaceServer("app-1", c.server("app-1").orElseThrow().withSsh("root", 22, "/keys/crater_ed25519")));
        Server s = workflow(model).run(new ProvisionRequest("app-2", TestClusters.template(f.fake.baseImage().id()), "root", null), progress);

        assertThat(s.sshKey()).isEqualTo("/keys/crater_ed25519");
        assertThat(progress.logs).anyMatch(l -> l.contains("with the cluster's key /keys/crater_ed25519 (--login-key names another)"));
        Server other = workflow(model).run(new ProvisionRequest("app-3", TestClusters.template(f.fake.baseImage().id()), "root", "agent"),
                progress);
        assertThat(other.sshKey()).as("--login-key wins").isEqualTo("agent");
    }

    @Test
    void twoProvisionsFinishingTogetherPushConfigurationsThatKeepEachOther() throws Exception {
        Seams.ProvisionSeams base = seams.seams();
        Seams.BalancerPusher slowPush = (cluster, p) -> {
            base.balancer().push(cluster, p);
            Thread.sleep(100); // a reload takes a while; the other provision arrives meanwhile
        };
        Seams.ProvisionSeams slow = new Seams.ProvisionSeams(base.ssh(), base.check(), base.deployer(), slowPush);
        var template = TestClusters.template(f.fake.baseImage().id());
        Thread other = new Thread(() -> new ProvisionWorkflow(provider, model, slow, ProvisionTimeouts.DEFAULT)
                .run(new ProvisionRequest("app-3", template, "root", null), new RecordingProgress()));
        other.start();
        new ProvisionWorkflow(provider, model, slow, ProvisionTimeouts.DEFAULT).run(request(), progress);
        other.join(180_000);
        var last = seams.pushes.get(seams.pushes.size() - 1);
        assertThat(last.appServers()).filteredOn(s -> s.state() == ServerState.READY).extracting(Server::name)
                .containsExactlyInAnyOrder("app-1", "app-2", "app-3");
    }

    @Test
    void cancelWhileWaitingForSshLeavesNothingBehind() {
        progress.cancelAtStep("Wait for SSH");
        assertThatThrownBy(() -> workflow(model).run(request(), progress)).isInstanceOf(CancelledException.class);
        assertThat(f.fake.droplets()).isEmpty();
        assertThat(f.fake.requests()).anyMatch(r -> r.startsWith("DELETE /v2/droplets/"));
        assertThat(model.current()).isEqualTo(TestClusters.crater());
        assertThat(seams.pushes).isEmpty();
        assertThat(progress.logs).anyMatch(l -> l.contains("cancelled") && l.contains("deleted"));
    }

    @Test
    void cancelWhileTheDropletBootsLeavesNothingBehind() {
        f.fake.actionPolls(50);
        progress.cancelAtStep("Wait for app-2 to boot");
        assertThatThrownBy(() -> workflow(model).run(request(), progress)).isInstanceOf(CancelledException.class);
        assertThat(f.fake.droplets()).isEmpty();
        assertThat(model.current().server("app-2")).isEmpty();
    }

    @Test
    void aFailedPushIsUndoneAndTheDropletDeleted() {
        seams.pushFailures = 1;
        assertThatThrownBy(() -> workflow(model).run(request(), progress))
                .isInstanceOf(ProvisionException.class)
                .hasMessageContaining("Add app-2 to the balancer").hasMessageContaining("nginx -t failed").hasMessageContaining("deleted");
        assertThat(f.fake.droplets()).isEmpty();
        assertThat(model.current().server("app-2")).isEmpty();
        assertThat(seams.pushes).hasSize(2);
        assertThat(seams.inRotation()).containsExactly("app-1");
    }

    @Test
    void whenTheDeleteFailsTooTheServerStaysMarkedFailedWithItsDropletId() {
        seams.sshFailure = new IllegalStateException("connection refused");
        for (int i = 0; i < 5; i++) {
            f.fake.fault("DELETE /v2/droplets/{id}", Fault.serverError());
        }
        assertThatThrownBy(() -> workflow(model).run(request(), progress))
                .isInstanceOfSatisfying(ProvisionException.class, e -> assertThat(e.dropletId()).isNotNull())
                .hasMessageContaining("connection refused").hasMessageContaining("marked failed");
        var droplet = f.fake.droplets().get(0);
        Server kept = model.current().server("app-2").orElseThrow();
        assertThat(kept.state()).isEqualTo(ServerState.FAILED);
        assertThat(kept.dropletId()).isEqualTo(String.valueOf(droplet.id()));
    }

    @Test
    void aDropletWithoutAnAddressWhoseDeleteFailsIsStillShownInTheModel() {
        f.fake.actionPolls(1_000); // it never finishes booting, so it never gets an address
        for (int i = 0; i < 5; i++) {
            f.fake.fault("DELETE /v2/droplets/{id}", Fault.serverError());
        }
        ProvisionTimeouts shortBoot = new ProvisionTimeouts(Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofMinutes(1),
                Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ZERO);
        ProvisionRequest asDeploy = new ProvisionRequest("app-2", TestClusters.template(f.fake.baseImage().id()), "deploy", 2222, "agent");
        assertThatThrownBy(() -> new ProvisionWorkflow(provider, model, seams.seams(), shortBoot).run(asDeploy, progress))
                .isInstanceOf(ProvisionException.class).hasMessageContaining("still in-progress").hasMessageContaining("marked failed");
        Server kept = model.current().server("app-2").orElseThrow();
        assertThat(kept.state()).isEqualTo(ServerState.FAILED);
        assertThat(kept.dropletId()).isEqualTo(String.valueOf(f.fake.droplets().get(0).id()));
        assertThat(kept.publicAddress()).isNull();
        // Recorded with the login it was asked for, so deleting it later logs in the same way.
        assertThat(kept.sshUser()).isEqualTo("deploy");
        assertThat(kept.sshPort()).isEqualTo(2222);
    }

    @Test
    void aDropletThatNeverGotAnAddressAndCannotBeDeletedStaysInTheFileMarkedFailed() throws Exception {
        f.fake.actionPolls(1_000);
        for (int i = 0; i < 5; i++) {
            f.fake.fault("DELETE /v2/droplets/{id}", Fault.serverError());
        }
        Path file = dir.resolve("crater.json");
        ClusterStore.save(file, TestClusters.crater());
        ProvisionTimeouts shortBoot = new ProvisionTimeouts(Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofMinutes(1),
                Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ZERO);
        long id = 0;
        try {
            new ProvisionWorkflow(provider, new FileClusterModel(file), seams.seams(), shortBoot).run(request(), progress);
        } catch (ProvisionException e) {
            id = f.fake.droplets().get(0).id();
            assertThat(e.getMessage()).contains("deleting droplet " + id + " failed too").contains("app-2 stays in the cluster marked failed");
            assertThat(e.dropletId()).isEqualTo(String.valueOf(id));
        }
        assertThat(id).as("the provision failed").isNotZero();
        // The model lets a failed server without an address be saved, so it is never an orphan nobody sees.
        Server failed = ClusterStore.load(file).server("app-2").orElseThrow();
        assertThat(failed.state()).isEqualTo(ServerState.FAILED);
        assertThat(failed.dropletId()).isEqualTo(String.valueOf(id));
    }

    @Test
    void aCreateThatTimesOutIsAdoptedNotRepeated() {
        f.fake.fault("POST /v2/droplets", Fault.stallAfterWork(3_000));
        DigitalOceanProvider quick = f.provider(f.config().withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(400)));
        Server s = new ProvisionWorkflow(quick, model, seams.seams(), ProvisionTimeouts.DEFAULT).run(request(), progress);
        assertThat(s.state()).isEqualTo(ServerState.READY);
        assertThat(f.fake.droplets()).hasSize(1);
        assertThat(f.fake.count("POST /v2/droplets")).isEqualTo(1);
    }

    @Test
    void aLeftoverDropletOfTheSameNameIsNeverDoubled() {
        f.fake.droplet("app-2", List.of("orrery:crater", "orrery"));
        assertThatThrownBy(() -> workflow(model).run(request(), progress))
                .isInstanceOf(ProvisionException.class).hasMessageContaining("already exists");
        assertThat(f.fake.count("POST /v2/droplets")).isZero();
    }

    @Test
    void theClusterFileRecordsTheServerAndNeverTheToken() throws Exception {
        Path file = dir.resolve("crater.json");
        ClusterStore.save(file, TestClusters.crater());
        FileClusterModel fileModel = new FileClusterModel(file);
        workflow(fileModel).run(request(), progress);
        String json = Files.readString(file);
        Server saved = ClusterStore.load(file).server("app-2").orElseThrow();
        assertThat(saved.state()).isEqualTo(ServerState.READY);
        assertThat(saved.dropletId()).isEqualTo(String.valueOf(f.fake.droplets().get(0).id()));
        assertThat(json).doesNotContain(FakeApiFixture.TOKEN);
    }

    /**
     * Issue 13, item 1: two runs that both picked app-2 (each read the file before the other wrote)
     * make one droplet. The second is refused before it makes anything, and the file records one app-2.
     */
    @Test
    void twoRunsThatPickedTheSameNameMakeOneDroplet() throws Exception {
        Path file = dir.resolve("crater.json");
        ClusterStore.save(file, TestClusters.crater());
        FileClusterModel first = new FileClusterModel(file);
        FileClusterModel second = new FileClusterModel(file);
        Server made = workflow(first).run(request(), progress);
        assertThatThrownBy(() -> workflow(second).run(request(), progress))
                .hasMessageContaining("already has a server called app-2");
        assertThat(f.fake.droplets()).hasSize(1);
        assertThat(f.fake.count("POST /v2/droplets")).isEqualTo(1);
        assertThat(ClusterStore.load(file).server("app-2")).contains(made);
    }

    /** Issue 13, item 1: the name is in the file, marked provisioning, before the droplet is asked for. */
    @Test
    void theNameIsTakenInTheFileBeforeTheDropletIsMade() throws Exception {
        Path file = dir.resolve("crater.json");
        ClusterStore.save(file, TestClusters.crater());
        java.util.concurrent.atomic.AtomicReference<Server> seenAtCreate = new java.util.concurrent.atomic.AtomicReference<>();
        f.fake.fault("POST /v2/droplets", dev.orrery.cloud.fake.Fault.serverError());
        FileClusterModel m = new FileClusterModel(file);
        assertThatThrownBy(() -> workflow(new ClusterModel() {
            @Override
            public Cluster current() {
                return m.current();
            }

            @Override
            public Cluster update(java.util.function.UnaryOperator<Cluster> change) {
                Cluster next = m.update(change);
                if (seenAtCreate.get() == null) {
                    seenAtCreate.set(next.server("app-2").orElse(null));
                }
                return next;
            }
        }).run(request(), progress)).isInstanceOf(ProvisionException.class);
        assertThat(seenAtCreate.get()).isNotNull();
        assertThat(seenAtCreate.get().state()).isEqualTo(ServerState.PROVISIONING);
        assertThat(seenAtCreate.get().publicAddress()).isNull();
        assertThat(ClusterStore.load(file).server("app-2")).as("undone: nothing was made").isEmpty();
    }
}
