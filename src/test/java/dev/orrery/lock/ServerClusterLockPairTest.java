package dev.orrery.lock;

import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.Failover;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.remote.Host;
import dev.orrery.remote.LocalHost;
import dev.orrery.remote.RemoteException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A failover pair keeps the cluster's lock on both balancers (the real lock scripts on this
 * machine, one folder per "balancer"): taken on both, refused when either says it is held, and
 * still taken — on the one that answers — while the other balancer is down, which is when a
 * lock kept only on the first balancer would stop every job.
 */
class ServerClusterLockPairTest {
    @TempDir
    Path tmp;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    /** Balancers that cannot be reached (their SSH connection fails). */
    private final Set<String> down = ConcurrentHashMap.newKeySet();

    private final Cluster pair = new Cluster("crater", new AppSpec("crater", 3000, Map.of(), List.of()),
            Balancer.defaults().withFailover(new Failover("203.0.113.10", 51, "eth1")), List.of(
            Server.of("lb-1", Role.BALANCER, "10.0.1.10"), Server.of("lb-2", Role.BALANCER, "10.0.1.11"),
            Server.of("app-1", Role.APP, "10.0.1.12")));

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private Path dir(String balancer) {
        return tmp.resolve("locks-" + balancer);
    }

    private ServerClusterLock workstation(String folder) {
        return new ServerClusterLock(s -> {
            if (down.contains(s.name())) {
                throw new IllegalStateException(new RemoteException(s.name(), "connection refused", null));
            }
            Host h = new LocalHost(s.name());
            return h;
        }, h -> { }, scheduler, Runnable::run, tmp.resolve(folder), new LocalHolds(), new NoFallbackLock(),
                s -> new LockCommands(dir(s.name()).toString()), 60_000);
    }

    @Test
    void theLockIsTakenOnBothBalancersAndGivenBackOnBoth() throws Exception {
        ServerClusterLock a = workstation("home-a");
        assertThat(LockSite.all(pair)).extracting(Server::name).containsExactly("lb-1", "lb-2");
        try (ClusterLock.Held held = a.acquire(pair, "deploy", "deploy of r1")) {
            assertThat(held.where()).isEqualTo("lb-1:" + dir("lb-1").resolve("crater") + ", lb-2:" + dir("lb-2").resolve("crater"));
            assertThat(dir("lb-1").resolve("crater")).isDirectory();
            assertThat(dir("lb-2").resolve("crater")).isDirectory();
        }
        assertThat(dir("lb-1").resolve("crater")).doesNotExist();
        assertThat(dir("lb-2").resolve("crater")).doesNotExist();
    }

    @Test
    void whileTheFirstBalancerIsDownTheLockIsKeptOnTheSecondAndStillExcludesOthers() throws Exception {
        ServerClusterLock a = workstation("home-a");
        ServerClusterLock b = workstation("home-b");
        down.add("lb-1");
        try (ClusterLock.Held held = a.acquire(pair, "deploy", "deploy of r1")) {
            assertThat(held.where()).isEqualTo("lb-2:" + dir("lb-2").resolve("crater") + " (not on lb-1: unreachable)");
            assertThatThrownBy(() -> b.acquire(pair, "provision", "provision app-2")).isInstanceOf(ClusterLockedException.class)
                    .hasMessageContaining("deploy of r1");
            // lb-1 back: another workstation is still refused, by lb-2, and takes nothing on lb-1
            down.clear();
            assertThatThrownBy(() -> b.acquire(pair, "provision", "provision app-2")).isInstanceOf(ClusterLockedException.class)
                    .hasMessageContaining("deploy of r1");
            assertThat(dir("lb-1").resolve("crater")).doesNotExist();
            assertThat(b.read(pair).map(s -> s.holder().operation())).contains("deploy of r1");
        }
        assertThat(b.read(pair)).isEmpty();
    }

    @Test
    void aLockHeldOnlyOnTheSecondBalancerRefusesAndLeavesNothingOnTheFirst() throws Exception {
        ServerClusterLock a = workstation("home-a");
        ServerClusterLock b = workstation("home-b");
        down.add("lb-1");
        ClusterLock.Held held = a.acquire(pair, "deploy", "deploy of r1");
        down.clear();
        assertThatThrownBy(() -> b.acquire(pair, "deploy", "deploy of r2")).isInstanceOf(ClusterLockedException.class);
        assertThat(dir("lb-1").resolve("crater")).as("b gave back what it had taken on lb-1").doesNotExist();
        held.close();
        b.acquire(pair, "deploy", "deploy of r2").close();
        assertThat(b.clear(pair)).isEmpty();
    }

    @Test
    void withBothBalancersDownTheLockCannotBeTakenOrRead() {
        ServerClusterLock a = workstation("home-a");
        down.addAll(List.of("lb-1", "lb-2"));
        assertThatThrownBy(() -> a.acquire(pair, "deploy", "deploy of r1")).hasMessageContaining("connection refused");
        assertThatThrownBy(() -> a.read(pair)).hasMessageContaining("connection refused");
    }
}
