package dev.orrery.engine;

import dev.orrery.deploy.LocalClusterLock;
import dev.orrery.ha.FailoverDrill;
import dev.orrery.ha.FailoverSetup;
import dev.orrery.ha.HaLayout;
import dev.orrery.ha.ReservedIpProbe;
import dev.orrery.lock.ClusterLock;
import dev.orrery.lock.ClusterLockedException;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.Failover;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.remote.HostResolver;
import dev.orrery.task.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The failover setup and drill hold the cluster's lock like every job that changes the cluster:
 * refused at once, touching no balancer, while another job holds it; taken and given back otherwise.
 */
class FailoverJobsLockTest {
    @TempDir
    Path locks;

    private final Cluster cluster = new Cluster("crater", new AppSpec("crater", 3000, Map.of(), null),
            Balancer.defaults().withFailover(new Failover("203.0.113.10", 51, "eth1")), List.of(
            Server.of("lb-1", Role.BALANCER, "198.51.100.2").withAddresses("198.51.100.2", "10.0.1.2")
                    .withProvider("digitalocean", "3164444", "nyc3", "s-1vcpu-1gb"),
            Server.of("lb-2", Role.BALANCER, "198.51.100.3").withAddresses("198.51.100.3", "10.0.1.3")
                    .withProvider("digitalocean", "3164445", "nyc3", "s-1vcpu-1gb"),
            Server.of("app-1", Role.APP, "10.0.1.11")));

    /** Records each balancer asked for, then fails: the job stops at its first balancer step. */
    private final List<String> reached = new ArrayList<>();
    private final HostResolver hosts = s -> {
        reached.add(s.name());
        throw new IllegalStateException("reached " + s.name());
    };

    private FailoverSetupJob setup(ClusterLock lock) {
        return new FailoverSetupJob(cluster, new FailoverSetup(hosts, null, "https://api.digitalocean.com", HaLayout.droplet(), null,
                ip -> { }), lock);
    }

    private FailoverDrillJob drill(ClusterLock lock) {
        return new FailoverDrillJob(cluster, new FailoverDrill(hosts, null, BalancerLayout.droplet(dev.orrery.model.BalancerKind.NGINX), ReservedIpProbe.HTTP), lock);
    }

    @Test
    void bothAreRefusedWhileADeployHoldsTheLockAndTouchNoBalancer() throws Exception {
        ClusterLock lock = new LocalClusterLock(locks);
        try (ClusterLock.Held deploy = lock.acquire(cluster, "deploy", "deploy of crater-42")) {
            for (Job<?> job : List.of(setup(lock), drill(lock))) {
                assertThatThrownBy(() -> job.run(Progress.NONE)).as(job.title()).isInstanceOf(ClusterLockedException.class)
                        .hasMessageContaining("deploy of crater-42");
            }
        }
        assertThat(reached).isEmpty();
    }

    @Test
    void eachTakesTheLockForItsRunAndGivesItBackHoweverItEnds() throws Exception {
        ClusterLock lock = new LocalClusterLock(locks);
        for (Job<?> job : List.of(setup(lock), drill(lock))) {
            reached.clear();
            List<String> logged = new ArrayList<>();
            Progress progress = new Progress() {
                @Override public void step(String name) { }
                @Override public void fraction(double done) { }
                @Override public void log(String line) {
                    logged.add(line);
                }
                @Override public boolean cancelled() { return false; }
            };
            // past the lock, the job fails at its first remote step (setup: a balancer; drill: the API, null here)
            assertThatThrownBy(() -> job.run(progress)).as(job.title()).isNotInstanceOf(ClusterLockedException.class);
            assertThat(logged).as(job.title()).anyMatch(l -> l.startsWith("holding the cluster's lock ("));
            assertThat(lock.read(cluster)).as(job.title() + ": the lock is free again").isEmpty();
        }
    }
}
