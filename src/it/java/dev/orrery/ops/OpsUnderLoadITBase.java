package dev.orrery.ops;

import dev.orrery.cloud.Sleeper;
import dev.orrery.deploy.DeployFixture;
import dev.orrery.deploy.HostProvider;
import dev.orrery.deploy.LoadClient;
import dev.orrery.engine.CloudWiring;
import dev.orrery.engine.DeployJob;
import dev.orrery.engine.Orrery;
import dev.orrery.it.TestHost;
import dev.orrery.lock.ClusterLockedException;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;
import dev.orrery.provision.DecommissionWorkflow;
import dev.orrery.provision.FileClusterModel;
import dev.orrery.provision.ProvisionRequest;
import dev.orrery.provision.ProvisionRig;
import dev.orrery.provision.ProvisionTimeouts;
import dev.orrery.remote.SshHosts;
import dev.orrery.store.ClusterStore;
import dev.orrery.store.OrreryHome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14's operations on droplet-like test hosts, each under the project's keep-alive GET + POST
 * load ({@link LoadClient}, clients that never retry), behind the subclass's balancer:
 * <ol>
 *   <li>provision a server (no {@code --login-key}: it logs in with the cluster's key) — 0 failed;</li>
 *   <li>decommission it — 0 failed;</li>
 *   <li>two data folders deploy at once: the second is refused naming the holder, the first
 *       finishes and every server runs (and the cluster file records) its release — 0 failed.</li>
 * </ol>
 * Each phase runs at least {@value #MIN_REQUESTS} requests; the counts are printed as the figures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class OpsUnderLoadITBase {
    static final long MIN_REQUESTS = 10_000;

    private final BalancerKind kind;
    ProvisionRig rig;

    OpsUnderLoadITBase(BalancerKind kind) {
        this.kind = kind;
    }

    ProvisionRig rig() throws Exception {
        if (rig == null) {
            rig = new ProvisionRig(kind);
        }
        return rig;
    }

    @AfterAll
    void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    /** Runs {@code op} under load until it is done and the phase has at least {@link #MIN_REQUESTS} requests; returns the load. */
    LoadClient underLoad(String what, Op op) throws Exception {
        LoadClient load = new LoadClient(rig().f.balancerAddress(), 80, 8, 5, 20_000).start();
        long t0 = System.nanoTime();
        try {
            op.run();
            await().atMost(Duration.ofMinutes(3)).until(() -> load.total() >= MIN_REQUESTS);
        } finally {
            load.close();
        }
        System.out.printf("[%s] %s: %d requests, %d failed (%d GET, %d POST) in %.1f s; failures: %s%n", kind, what, load.total(),
                load.failed.get(), load.failedGets.get(), load.failedPosts.get(), (System.nanoTime() - t0) / 1e9, load.failures);
        return load;
    }

    interface Op {
        void run() throws Exception;
    }

    @Test
    @Order(1)
    void provisioningAServerWithTheClustersOwnKeyLosesNoRequest() throws Exception {
        ProvisionRig r = rig();
        ProvisionRequest asked = new ProvisionRequest("app-3", r.request("app-3").template(), "root", r.droplet.sshPort(), null);
        Server[] made = new Server[1];
        LoadClient load = underLoad("provision app-3", () -> made[0] = r.workflow().run(asked, DeployFixture.printing("provision")));

        assertThat(made[0].state()).isEqualTo(ServerState.READY);
        assertThat(made[0].sshKey()).as("logged in with the cluster's key").isEqualTo(r.f.cluster.server("app-1").orElseThrow().sshKey());
        assertThat(r.balancerConfig()).contains(r.droplet.address());
        dev.orrery.it.Wait.until("app-3 to answer a request through the balancer", () -> r.answersThroughBalancer("app-3", 20));
        assertThat(load.total()).isGreaterThanOrEqualTo(MIN_REQUESTS);
        assertThat(load.failed.get()).as("failed requests: " + load.failures).isZero();
    }

    @Test
    @Order(2)
    void decommissioningItLosesNoRequest() throws Exception {
        ProvisionRig r = rig();
        DecommissionWorkflow w = new DecommissionWorkflow(r.api.provider(), new FileClusterModel(r.clusterFile),
                CloudWiring.balancer(r.wiring().hosts(), k -> r.f.balancerLayout), shortDrain(), Sleeper.REAL);
        LoadClient load = underLoad("decommission app-3", () -> w.run("app-3", DeployFixture.printing("decommission")));

        assertThat(ClusterStore.load(r.clusterFile).server("app-3")).isEmpty();
        assertThat(r.balancerConfig()).doesNotContain(r.droplet.address());
        assertThat(r.api.fake.droplets()).isEmpty();
        assertThat(load.total()).isGreaterThanOrEqualTo(MIN_REQUESTS);
        assertThat(load.failed.get()).as("failed requests: " + load.failures).isZero();
        // a blank droplet again, for anyone after
        r.droplet.exec("/opt/crater/bin/orrery-supervise", "stop");
        r.droplet.exec("rm", "-rf", "/opt/crater");
    }

    @Test
    @Order(3)
    void aSecondDataFolderDeployingAtTheSameTimeIsRefusedNamingTheHolder() throws Exception {
        ProvisionRig r = rig();
        Path vA = r.f.nodeRelease("vA", "VERSION=vA");
        Path vB = r.f.nodeRelease("vB", "VERSION=vB");
        Path fileA = Files.copy(r.clusterFile, r.f.scratch.resolve("crater-a.json"));
        Path fileB = Files.copy(r.clusterFile, r.f.scratch.resolve("crater-b.json"));
        TestHost lb = r.f.testHost("lb-1");
        try (Orrery a = orrery("home-a"); Orrery b = orrery("home-b");
             SshHosts hostsA = a.sshHosts(); SshHosts hostsB = b.sshHosts()) {
            String[] refusal = new String[1];
            Cluster[] done = new Cluster[1];
            LoadClient load = underLoad("two data folders deploy at once", () -> {
                Future<Cluster> first = a.submit(deploy(a, hostsA, fileA, vA)).result();
                await().atMost(Duration.ofMinutes(2)).until(() -> Files.isDirectory(lb.path("/var/lib/orrery/locks/crater")));
                Instant t = Instant.now();
                assertThatThrownBy(() -> b.submit(deploy(b, hostsB, fileB, vB)).result().get())
                        .isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(ClusterLockedException.class)
                        .satisfies(e -> refusal[0] = e.getMessage());
                System.out.println("[" + kind + "] refused in " + Duration.between(t, Instant.now()).toMillis() + " ms: " + refusal[0]);
                done[0] = first.get();
            });

            assertThat(refusal[0]).contains("cluster crater is locked: deploy of")
                    .contains("data folder " + r.f.scratch.resolve("home-a"))
                    .contains("pid " + ProcessHandle.current().pid())
                    .contains("lb-1:/var/lib/orrery/locks/crater");
            String release = done[0].app().currentRelease().id();
            Cluster recorded = ClusterStore.load(fileA);
            for (Server s : recorded.appServers()) {
                assertThat(s.release()).as(s.name() + " in A's file").isEqualTo(release);
                assertThat(r.f.versionOn(s.name())).as(s.name() + " answers").isEqualTo("vA");
            }
            assertThat(ClusterStore.load(fileB).app().currentRelease().id()).as("B changed nothing").isNotEqualTo(release);
            assertThat(lb.path("/var/lib/orrery/locks/crater")).as("the lock is given back").doesNotExist();
            assertThat(load.failed.get()).as("failed requests: " + load.failures).isZero();
        }
    }

    private DeployJob deploy(Orrery o, SshHosts hosts, Path file, Path bundle) throws Exception {
        Cluster c = ClusterStore.load(file);
        return DeployJob.deploy(c.name(), file, bundle, HostProvider.pooled(hosts::hostFor), rig::control, o.engine().io(),
                o.clusterLock(hosts), DeployFixture.options());
    }

    /** An Orrery with its own data folder that knows the test hosts' keys. */
    private Orrery orrery(String folder) throws Exception {
        OrreryHome home = new OrreryHome(Files.createDirectories(rig.f.scratch.resolve(folder)));
        StringBuilder known = new StringBuilder();
        for (String s : List.of("app-1", "app-2", "app-3", "lb-1")) {
            known.append(rig.f.testHost(s).knownHostsLine()).append('\n');
        }
        Files.createDirectories(home.knownHosts().getParent());
        Files.writeString(home.knownHosts(), known);
        return new Orrery(home, Orrery.Prompts.none(), Map.of());
    }

    private static ProvisionTimeouts shortDrain() {
        ProvisionTimeouts d = ProvisionTimeouts.DEFAULT;
        return new ProvisionTimeouts(d.boot(), d.ssh(), d.shutdown(), d.power(), d.snapshot(), Duration.ofSeconds(3));
    }
}
