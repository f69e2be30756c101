package dev.orrery.engine;

import dev.orrery.engine.state.JobKind;
import dev.orrery.lock.ClusterLock;
import dev.orrery.model.Cluster;
import dev.orrery.task.Progress;

import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * A job that holds the cluster's lock while it runs: taken before the first step (refused at once,
 * naming the holder, when someone else has it) and given back when it ends, however it ends.
 *
 * <pre>{@code
 * orrery.submit(Locked.by(lock, () -> ClusterStore.load(file), new PushProxyJob(…)));
 * }</pre>
 */
public final class Locked<T> implements Job<T> {
    private final ClusterLock lock;
    private final Callable<Cluster> cluster;
    private final Job<T> job;

    private Locked(ClusterLock lock, Callable<Cluster> cluster, Job<T> job) {
        this.lock = lock;
        this.cluster = cluster;
        this.job = job;
    }

    /** @param cluster the cluster as it is when the job starts (read then, not now) */
    public static <T> Locked<T> by(ClusterLock lock, Callable<Cluster> cluster, Job<T> job) {
        return new Locked<>(lock, cluster, job);
    }

    @Override
    public String title() {
        return job.title();
    }

    @Override
    public String cluster() {
        return job.cluster();
    }

    @Override
    public JobKind kind() {
        return job.kind();
    }

    @Override
    public T run(Progress progress) throws Exception {
        String kind = job.kind().name().toLowerCase(Locale.ROOT);
        try (ClusterLock.Held held = lock.acquire(cluster.call(), kind, job.title())) {
            progress.log("holding the cluster's lock (" + held.where() + ")");
            return job.run(progress);
        }
    }
}
