package dev.orrery.engine;

import dev.orrery.engine.state.JobKind;
import dev.orrery.lock.ClusterLock;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.InvalidClusterException;
import dev.orrery.model.Problem;
import dev.orrery.model.Server;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.BalancerSwitch;
import dev.orrery.remote.HostResolver;
import dev.orrery.store.ClusterStore;
import dev.orrery.task.Progress;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * Switches the cluster's balancer program (nginx ↔ HAProxy) as a job: holds the cluster's lock,
 * runs {@link BalancerSwitch} on the balancer server and records the new kind only once the new
 * program answers — in the cluster file (the command line) or the window's open document. The
 * result says how long the ports were closed.
 */
public final class BalancerSwitchJob implements Job<BalancerSwitch.Result> {

    /** Records the new kind where the cluster lives. */
    @FunctionalInterface
    public interface KindSaver {
        void save(BalancerKind kind) throws Exception;
    }

    private final Callable<Cluster> current;
    private final KindSaver saver;
    private final String clusterName;
    private final BalancerKind to;
    private final HostResolver hosts;
    private final ClusterLock lock;
    private final Function<BalancerKind, BalancerLayout> layouts;

    /**
     * @param current the cluster as it is when the job starts
     * @param saver   records the new kind once the new program answers
     */
    public BalancerSwitchJob(String clusterName, Callable<Cluster> current, KindSaver saver, BalancerKind to, HostResolver hosts,
                             ClusterLock lock, Function<BalancerKind, BalancerLayout> layouts) {
        this.current = current;
        this.saver = saver;
        this.clusterName = clusterName;
        this.to = to;
        this.hosts = hosts;
        this.lock = lock;
        this.layouts = layouts;
    }

    /** On a cluster file, with the droplet's paths (Debian/Ubuntu packages, systemd where it runs). */
    public BalancerSwitchJob(Path clusterFile, String clusterName, BalancerKind to, HostResolver hosts, ClusterLock lock) {
        this(clusterName, () -> ClusterStore.load(clusterFile), kind -> {
            // from the file as it is now, with only the kind changed
            Cluster now = ClusterStore.load(clusterFile);
            ClusterStore.save(clusterFile, now.withBalancer(now.balancer().withKind(kind)));
        }, to, hosts, lock, BalancerLayout::droplet);
    }

    @Override
    public String title() {
        return "Switch the balancer of " + clusterName + " to " + (to == BalancerKind.NGINX ? "nginx" : "HAProxy");
    }

    @Override
    public String cluster() {
        return clusterName;
    }

    @Override
    public JobKind kind() {
        return JobKind.PUSH;
    }

    @Override
    public BalancerSwitch.Result run(Progress progress) throws Exception {
        Cluster cluster = current.call();
        Server lb = cluster.balancerServer().orElseThrow(() -> new InvalidClusterException(
                List.of(new Problem("servers", "has no load balancer server to switch"))));
        try (ClusterLock.Held held = lock.acquire(cluster, "switch", title())) {
            progress.log("holding the cluster's lock (" + held.where() + ")");
            long other = cluster.balancer().kept().stream().filter(k -> k.context().kind() != to).count();
            if (other > 0) {
                // Kept directives of an adopted configuration are in the old program's language.
                progress.log(other + " directive(s) kept as is from the adopted " + cluster.balancer().kind().name().toLowerCase(java.util.Locale.ROOT)
                        + " configuration cannot follow to the new balancer and are left out (the cluster file's kept list)");
            }
            BalancerSwitch.Result r = new BalancerSwitch(hosts.hostFor(lb), layouts).run(cluster, to, progress);
            saver.save(to);
            return r;
        }
    }
}
