package dev.orrery.engine;

import dev.orrery.deploy.BalancerControl;
import dev.orrery.deploy.DeployLock;
import dev.orrery.deploy.HostProvider;
import dev.orrery.deploy.Rollout;
import dev.orrery.deploy.RolloutOptions;
import dev.orrery.model.Cluster;
import dev.orrery.store.ClusterStore;
import dev.orrery.task.Progress;

import java.nio.file.Path;
import java.util.concurrent.Executor;

/**
 * Deploys a release to a cluster, or rolls it back, as a background job: reads the cluster file,
 * runs the {@link Rollout} and saves each server's release to the same file as it goes live.
 * The per-server steps arrive as Progress steps named {@code "app-2 · health gate"}.
 */
public final class DeployJob implements Job<Cluster> {

    public enum Kind { DEPLOY, ROLLBACK }

    private final Kind kind;
    private final Path clusterFile;
    private final Path bundle;
    private final HostProvider hosts;
    private final java.util.function.Function<Cluster, BalancerControl> balancer;
    private final Executor executor;
    private final dev.orrery.lock.ClusterLock lock;
    private final RolloutOptions options;
    private final String clusterName;

    private DeployJob(Kind kind, String clusterName, Path clusterFile, Path bundle, HostProvider hosts,
                      java.util.function.Function<Cluster, BalancerControl> balancer, Executor executor, dev.orrery.lock.ClusterLock lock,
                      RolloutOptions options) {
        this.kind = kind;
        this.clusterName = clusterName;
        this.clusterFile = clusterFile;
        this.bundle = bundle;
        this.hosts = hosts;
        this.balancer = balancer;
        this.executor = executor;
        this.lock = lock;
        this.options = options;
    }

    /**
     * @param executor the Engine's io pool (uploads run on it in parallel)
     * @param lock     the cluster's lock ({@link Orrery#clusterLock}: on the cluster's balancer)
     */
    public static DeployJob deploy(String clusterName, Path clusterFile, Path bundle, HostProvider hosts, java.util.function.Function<Cluster, BalancerControl> balancer,
                                   Executor executor, dev.orrery.lock.ClusterLock lock, RolloutOptions options) {
        return new DeployJob(Kind.DEPLOY, clusterName, clusterFile, bundle, hosts, balancer, executor, lock, options);
    }

    public static DeployJob rollback(String clusterName, Path clusterFile, HostProvider hosts, java.util.function.Function<Cluster, BalancerControl> balancer,
                                     Executor executor, dev.orrery.lock.ClusterLock lock, RolloutOptions options) {
        return new DeployJob(Kind.ROLLBACK, clusterName, clusterFile, null, hosts, balancer, executor, lock, options);
    }

    /** With the lock in this data folder only ({@link dev.orrery.deploy.LocalClusterLock}). */
    public static DeployJob deploy(String clusterName, Path clusterFile, Path bundle, HostProvider hosts, java.util.function.Function<Cluster, BalancerControl> balancer,
                                   Executor executor, Path locksDir, RolloutOptions options) {
        return deploy(clusterName, clusterFile, bundle, hosts, balancer, executor, new dev.orrery.deploy.LocalClusterLock(locksDir), options);
    }

    /** With the lock in this data folder only ({@link dev.orrery.deploy.LocalClusterLock}). */
    public static DeployJob rollback(String clusterName, Path clusterFile, HostProvider hosts, java.util.function.Function<Cluster, BalancerControl> balancer,
                                     Executor executor, Path locksDir, RolloutOptions options) {
        return rollback(clusterName, clusterFile, hosts, balancer, executor, new dev.orrery.deploy.LocalClusterLock(locksDir), options);
    }

    @Override
    public String title() {
        String cluster = clusterFile.getFileName().toString().replaceFirst("\\.json$", "");
        return kind == Kind.DEPLOY ? "Deploy " + bundle.getFileName() + " to " + cluster : "Roll back " + cluster;
    }

    @Override
    public String cluster() {
        return clusterName;
    }

    @Override
    public dev.orrery.engine.state.JobKind kind() {
        return kind == Kind.DEPLOY ? dev.orrery.engine.state.JobKind.DEPLOY : dev.orrery.engine.state.JobKind.ROLLBACK;
    }

    @Override
    public Cluster run(Progress progress) throws Exception {
        Cluster cluster = ClusterStore.load(clusterFile);
        BalancerControl control = balancer.apply(cluster);
        progress.log("balancer: " + control.describe());
        Rollout rollout = new Rollout(hosts, control, c -> ClusterStore.save(clusterFile, c), executor, lock, options);
        return kind == Kind.DEPLOY ? rollout.deploy(cluster, bundle, progress) : rollout.rollback(cluster, progress);
    }

    /** Clears a lock left by a crashed deploy; returns who held it, for the message. */
    public static String clearLock(Path locksDir, String cluster) throws java.io.IOException {
        return DeployLock.clear(locksDir, cluster).map(DeployLock.Holder::describe).orElse("no lock was held");
    }
}
