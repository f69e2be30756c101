package dev.orrery.engine;

import dev.orrery.deploy.BalancerControl;
import dev.orrery.deploy.ClusterSink;
import dev.orrery.deploy.DeployLock;
import dev.orrery.deploy.HostProvider;
import dev.orrery.deploy.Rollout;
import dev.orrery.deploy.RolloutOptions;
import dev.orrery.model.Cluster;
import dev.orrery.store.ClusterFile;
import dev.orrery.task.Progress;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Deploys a release to a cluster, or rolls it back, as a background job: runs the
 * {@link Rollout} on the cluster and records each server's release as it goes live. The cluster
 * comes from its file and goes back to it (the command line), or comes from whoever holds it
 * open and goes to their {@link ClusterSink} (the window's document, which shows and saves it).
 * The per-server steps arrive as server steps ({@code "app-2 · health gate"}).
 */
public final class DeployJob implements Job<Cluster> {

    public enum Kind { DEPLOY, ROLLBACK }

    /** What the rollout drives: hosts, balancer, executor for uploads, lock folder, options. */
    public record Wiring(HostProvider hosts, Function<Cluster, BalancerControl> balancer, Executor executor,
                         dev.orrery.lock.ClusterLock lock, RolloutOptions options) {
    }

    private final Kind kind;
    private final String clusterName;
    private final String label;
    private final Callable<Cluster> load;
    private final ClusterSink sink;
    private final Path bundle;
    private final Wiring wiring;

    private DeployJob(Kind kind, String clusterName, String label, Callable<Cluster> load, ClusterSink sink, Path bundle, Wiring wiring) {
        this.kind = kind;
        this.clusterName = clusterName;
        this.label = label;
        this.load = load;
        this.sink = sink;
        this.bundle = bundle;
        this.wiring = wiring;
    }

    /** @param executor the Engine's io pool (uploads run on it in parallel) */
    /** @param lock the cluster's lock ({@link Orrery#clusterLock}: on the cluster's balancer) */
    public static DeployJob deploy(String clusterName, Path clusterFile, Path bundle, HostProvider hosts, Function<Cluster, BalancerControl> balancer,
                                   Executor executor, dev.orrery.lock.ClusterLock lock, RolloutOptions options) {
        return new DeployJob(Kind.DEPLOY, clusterName, fileLabel(clusterFile), () -> ClusterFile.read(clusterFile),
                (base, change) -> ClusterFile.update(clusterFile, change), bundle, new Wiring(hosts, balancer, executor, lock, options));
    }

    public static DeployJob rollback(String clusterName, Path clusterFile, HostProvider hosts, Function<Cluster, BalancerControl> balancer,
                                     Executor executor, dev.orrery.lock.ClusterLock lock, RolloutOptions options) {
        return new DeployJob(Kind.ROLLBACK, clusterName, fileLabel(clusterFile), () -> ClusterFile.read(clusterFile),
                (base, change) -> ClusterFile.update(clusterFile, change), null, new Wiring(hosts, balancer, executor, lock, options));
    }

    /** A deploy of the cluster as {@code cluster} has it; each server's release goes to {@code sink} as it goes live. */
    public static DeployJob deploy(Cluster cluster, ClusterSink sink, Path bundle, Wiring wiring) {
        return new DeployJob(Kind.DEPLOY, cluster.name(), cluster.name(), () -> cluster, sink, bundle, wiring);
    }

    /** A rollback of the cluster as {@code cluster} has it, recorded through {@code sink}. */
    public static DeployJob rollback(Cluster cluster, ClusterSink sink, Wiring wiring) {
        return new DeployJob(Kind.ROLLBACK, cluster.name(), cluster.name(), () -> cluster, sink, null, wiring);
    }

    /** With the lock in this data folder only ({@link dev.orrery.deploy.LocalClusterLock}). */
    public static DeployJob deploy(String clusterName, Path clusterFile, Path bundle, HostProvider hosts, Function<Cluster, BalancerControl> balancer,
                                   Executor executor, Path locksDir, RolloutOptions options) {
        return deploy(clusterName, clusterFile, bundle, hosts, balancer, executor, new dev.orrery.deploy.LocalClusterLock(locksDir), options);
    }

    /** With the lock in this data folder only ({@link dev.orrery.deploy.LocalClusterLock}). */
    public static DeployJob rollback(String clusterName, Path clusterFile, HostProvider hosts, Function<Cluster, BalancerControl> balancer,
                                     Executor executor, Path locksDir, RolloutOptions options) {
        return rollback(clusterName, clusterFile, hosts, balancer, executor, new dev.orrery.deploy.LocalClusterLock(locksDir), options);
    }

    private static String fileLabel(Path clusterFile) {
        return clusterFile.getFileName().toString().replaceFirst("\\.json$", "");
    }

    @Override
    public String title() {
        return kind == Kind.DEPLOY ? "Deploy " + bundle.getFileName() + " to " + label : "Roll back " + label;
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
        Cluster cluster = load.call();
        // A file-backed sink applies each record to the file as it is then, under its writer lock.
        BalancerControl control = wiring.balancer().apply(cluster);
        progress.log("balancer: " + control.describe());
        Rollout rollout = new Rollout(wiring.hosts(), control, sink, wiring.executor(), wiring.lock(), wiring.options());
        return kind == Kind.DEPLOY ? rollout.deploy(cluster, bundle, progress) : rollout.rollback(cluster, progress);
    }

    /** Clears a lock left by a crashed deploy; returns who held it, for the message. */
    public static String clearLock(Path locksDir, String cluster) throws java.io.IOException {
        return DeployLock.clear(locksDir, cluster).map(DeployLock.Holder::describe).orElse("no lock was held");
    }
}
