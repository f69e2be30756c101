package dev.orrery.engine;

import dev.orrery.engine.state.JobKind;
import dev.orrery.lock.ClusterLock;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.InvalidClusterException;
import dev.orrery.model.Problem;
import dev.orrery.model.Server;
import dev.orrery.proxy.BalancerCommands;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.BalancerSwitch;
import dev.orrery.proxy.ProxyPushException;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.HostResolver;
import dev.orrery.store.ClusterStore;
import dev.orrery.task.Progress;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * Switches the cluster's balancer program (nginx ↔ HAProxy) as a job: holds the cluster's lock,
 * runs {@link BalancerSwitch} on the balancer server (both of a failover pair, the standby first) and records the new kind only once the new
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
    private final OnOneBalancer switcher;

    /** The switch on one balancer ({@link BalancerSwitch} there): one seam, so the order over a pair is tested on its own. */
    @FunctionalInterface
    interface OnOneBalancer {
        BalancerSwitch.Result run(Server lb, Cluster cluster, BalancerKind to, Progress progress) throws Exception;
    }

    /**
     * @param current the cluster as it is when the job starts
     * @param saver   records the new kind once the new program answers
     */
    public BalancerSwitchJob(String clusterName, Callable<Cluster> current, KindSaver saver, BalancerKind to, HostResolver hosts,
                             ClusterLock lock, Function<BalancerKind, BalancerLayout> layouts) {
        this(clusterName, current, saver, to, hosts, lock, (lb, c, kind, p) -> new BalancerSwitch(hosts.hostFor(lb), layouts).run(c, kind, p));
    }

    BalancerSwitchJob(String clusterName, Callable<Cluster> current, KindSaver saver, BalancerKind to, HostResolver hosts,
                      ClusterLock lock, OnOneBalancer switcher) {
        this.current = current;
        this.saver = saver;
        this.clusterName = clusterName;
        this.to = to;
        this.hosts = hosts;
        this.lock = lock;
        this.switcher = switcher;
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

    /**
     * Switches every balancer: both of a failover pair, one at a time in {@link PushProxyJob#pushOrder}
     * (the standby first), so the one holding the reserved IP serves throughout. A pair is checked
     * for the new program on both before either changes. When the second fails (and goes back by
     * itself), the first is switched back too, so both run the same program as the cluster file says.
     */
    @Override
    public BalancerSwitch.Result run(Progress progress) throws Exception {
        Cluster cluster = current.call();
        if (cluster.balancerServers().isEmpty()) {
            throw new InvalidClusterException(List.of(new Problem("servers", "has no load balancer server to switch")));
        }
        List<Server> order = PushProxyJob.pushOrder(cluster);
        BalancerKind from = cluster.balancer().kind();
        try (ClusterLock.Held held = lock.acquire(cluster, "switch", title())) {
            progress.log("holding the cluster's lock (" + held.where() + ")");
            long other = cluster.balancer().kept().stream().filter(k -> k.context().kind() != to).count();
            if (other > 0) {
                // Kept directives of an adopted configuration are in the old program's language.
                progress.log(other + " directive(s) kept as is from the adopted " + from.name().toLowerCase(java.util.Locale.ROOT)
                        + " configuration cannot follow to the new balancer and are left out (the cluster file's kept list)");
            }
            boolean pair = order.size() > 1;
            if (pair) {
                requireInstalled(order, progress);
            }
            BalancerSwitch.Result last = null;
            long closedMs = 0;
            List<Server> done = new java.util.ArrayList<>();
            for (Server lb : order) {
                if (pair) {
                    // no cancelling between the two: that would leave the pair running different programs
                    progress.serverStep(lb.name(), "switch to " + word(to), false);
                }
                try {
                    last = switcher.run(lb, cluster, to, progress);
                } catch (Exception e) {
                    if (!done.isEmpty()) {
                        throw new ProxyPushException(lb.name(), "switch", e.getMessage() + "; " + switchBack(done, last.cluster(), from, progress),
                                false, e);
                    }
                    throw e;
                }
                done.add(lb);
                closedMs = Math.max(closedMs, last.closedMs());
                if (pair) {
                    progress.serverDone(lb.name(), word(to) + " serves");
                }
            }
            saver.save(to);
            return new BalancerSwitch.Result(last.cluster(), last.config(), closedMs);
        }
    }

    /** Both balancers of a pair have the new program, or neither is touched. */
    private void requireInstalled(List<Server> order, Progress progress) throws Exception {
        progress.step("Check that " + word(to) + " is installed on " + String.join(" and ", order.stream().map(Server::name).toList()));
        for (Server lb : order) {
            if (!hosts.hostFor(lb).exec(BalancerCommands.installed(to), LineListener.IGNORE).ok()) {
                throw new ProxyPushException(lb.name(), "check", word(to) + " is not installed on " + lb.name()
                        + " (Debian/Ubuntu: apt-get install " + (to == BalancerKind.NGINX ? "nginx-light" : "haproxy")
                        + "); nothing was changed on either balancer", false, null);
            }
        }
    }

    /** Puts the balancers already switched back to {@code from}; says how that went. */
    private String switchBack(List<Server> done, Cluster switched, BalancerKind from, Progress progress) {
        List<String> back = new java.util.ArrayList<>();
        List<String> stuck = new java.util.ArrayList<>();
        for (Server lb : done) {
            progress.log(lb.name() + " already runs " + word(to) + ": switching it back to " + word(from)
                    + " so both balancers run the same program");
            try {
                switcher.run(lb, switched, from, progress);
                back.add(lb.name());
            } catch (Exception e) {
                progress.log("switching " + lb.name() + " back failed: " + e.getMessage());
                stuck.add(lb.name());
            }
        }
        return stuck.isEmpty() ? String.join(", ", back) + " switched back to " + word(from) + ": both balancers run " + word(from) + " as before"
                : String.join(", ", stuck) + " still run(s) " + word(to) + " while the cluster file says " + word(from)
                + ": run the switch again once the cause is fixed";
    }

    private static String word(BalancerKind k) {
        return k == BalancerKind.NGINX ? "nginx" : "HAProxy";
    }
}
