package dev.orrery.lock;

import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.remote.Host;
import dev.orrery.remote.LocalHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The cluster lock's real scripts (sh, mkdir, stat, date) on this machine standing in for the
 * balancer, taken by two "workstations": two lock objects with their own data folders and their
 * own process-local holds, as two Orrery data folders would be.
 */
class ServerClusterLockTest {
    @TempDir
    Path tmp;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<Object[]> heard = new CopyOnWriteArrayList<>();

    private final Cluster cluster = new Cluster("crater", new AppSpec("crater", 3000, Map.of(), List.of()), Balancer.defaults(),
            List.of(Server.of("lb-1", Role.BALANCER, "10.0.1.10"), Server.of("app-1", Role.APP, "10.0.1.11")));

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private ServerClusterLock workstation(String folder, long heartbeatMillis) {
        Host here = new LocalHost("lb-1");
        LocalHolds holds = new LocalHolds((c, s) -> heard.add(new Object[] {folder, c, s}));
        return new ServerClusterLock(s -> here, h -> { }, scheduler, Runnable::run, tmp.resolve(folder), holds,
                new NoFallbackLock(), tmp.resolve("locks").toString(), heartbeatMillis);
    }

    private Path lockDir() {
        return tmp.resolve("locks").resolve("crater");
    }

    @Test
    void aSecondDataFolderIsRefusedNamingTheHolderUntilTheFirstIsDone() throws Exception {
        ServerClusterLock a = workstation("home-a", 60_000);
        ServerClusterLock b = workstation("home-b", 60_000);

        try (ClusterLock.Held held = a.acquire(cluster, "deploy", "deploy of r1")) {
            assertThat(held.where()).isEqualTo("lb-1:" + lockDir());
            assertThatThrownBy(() -> b.acquire(cluster, "deploy", "deploy of r2"))
                    .isInstanceOf(ClusterLockedException.class)
                    .hasMessageContaining("cluster crater is locked: deploy of r1 by " + System.getProperty("user.name"))
                    .hasMessageContaining("pid " + ProcessHandle.current().pid())
                    .hasMessageContaining("data folder " + tmp.resolve("home-a"))
                    .hasMessageContaining("wait for it to finish");
            LockState seen = b.read(cluster).orElseThrow();
            assertThat(seen.holder().operation()).isEqualTo("deploy of r1");
            assertThat(seen.stale()).isFalse();
        }
        assertThat(lockDir()).doesNotExist();
        assertThat(b.read(cluster)).isEmpty();
        b.acquire(cluster, "deploy", "deploy of r2").close();
        assertThat(heard).extracting(e -> e[0] + " " + (e[2] == null ? "released" : "took"))
                .containsExactly("home-a took", "home-a released", "home-b took", "home-b released");
    }

    @Test
    void workOfOneKindFromOneProcessSharesTheLockAndOtherWorkIsRefused() throws Exception {
        ServerClusterLock a = workstation("home-a", 60_000);
        ClusterLock.Held first = a.acquire(cluster, "provision", "provision of app-3");
        ClusterLock.Held second = a.acquire(cluster, "provision", "provision of app-4");
        assertThatThrownBy(() -> a.acquire(cluster, "deploy", "deploy of r3"))
                .isInstanceOf(ClusterLockedException.class).hasMessageContaining("locked by this Orrery: provision of app-3");
        first.close();
        assertThat(lockDir()).as("still held by the second provision").exists();
        second.close();
        assertThat(lockDir()).doesNotExist();
    }

    @Test
    void aLockWhoseHeartbeatStoppedIsStaleButOnlyAPersonClearsIt() throws Exception {
        ServerClusterLock a = workstation("home-a", 60_000);
        ServerClusterLock b = workstation("home-b", 60_000);
        a.acquire(cluster, "deploy", "deploy of r1"); // never closed: a crash
        age(Duration.ofMinutes(5));

        LockState state = b.read(cluster).orElseThrow();
        assertThat(state.stale()).isTrue();
        assertThat(state.heartbeatAgeSeconds()).isGreaterThanOrEqualTo(290);
        assertThatThrownBy(() -> b.acquire(cluster, "deploy", "deploy of r2"))
                .hasMessageContaining("looks stale").hasMessageContaining("orrery lock clear");
        assertThat(lockDir()).as("refusing clears nothing").exists();

        Optional<LockState> cleared = b.clear(cluster);
        assertThat(cleared).hasValueSatisfying(s -> assertThat(s.holder().operation()).isEqualTo("deploy of r1"));
        b.acquire(cluster, "deploy", "deploy of r2").close();
    }

    @Test
    void theHolderKeepsItsHeartbeatFreshAndNoticesWhenItsLockIsCleared() throws Exception {
        ServerClusterLock a = workstation("home-a", 100);
        ServerClusterLock b = workstation("home-b", 60_000);
        ClusterLock.Held held = a.acquire(cluster, "deploy", "deploy of r1");
        age(Duration.ofMinutes(5));
        await().atMost(Duration.ofMinutes(3)).until(() -> b.read(cluster).map(s -> s.heartbeatAgeSeconds() < 60).orElse(false));

        b.clear(cluster);
        ClusterLock.Held other = b.acquire(cluster, "deploy", "deploy of r2");
        await().atMost(Duration.ofMinutes(3)).until(held::lost);
        held.close();
        assertThat(b.read(cluster)).as("closing a lost lock leaves the new holder's").hasValueSatisfying(
                s -> assertThat(s.holder().operation()).isEqualTo("deploy of r2"));
        other.close();
    }

    @Test
    void aClusterWithNoServerToKeepItUsesTheFallback() throws Exception {
        Cluster empty = new Cluster("crater", cluster.app(), cluster.balancer(), List.of());
        assertThatThrownBy(() -> workstation("home-a", 60_000).acquire(empty, "provision", "provision of app-1"))
                .hasMessage("fallback");
    }

    private void age(Duration d) throws Exception {
        Process p = new ProcessBuilder("touch", "-d", "-" + d.toSeconds() + " seconds", lockDir().resolve("heartbeat").toString()).start();
        assertThat(p.waitFor()).isZero();
        assertThat(Files.exists(lockDir().resolve("heartbeat"))).isTrue();
    }
}
