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
        return holding(lock, cluster.call(), job, progress, () -> job.run(progress));
    }

    /**
     * Runs {@code work} holding {@code cluster}'s lock for {@code job} (its kind and title name the
     * holder): the one place a job takes the lock and says so, for the jobs that hold it themselves.
     */
    static <T> T holding(ClusterLock lock, Cluster cluster, Job<?> job, Progress progress, Callable<T> work) throws Exception {
        String kind = job.kind().name().toLowerCase(Locale.ROOT);
        try (ClusterLock.Held held = lock.acquire(cluster, kind, job.title())) {
            progress.log("holding the cluster's lock (" + held.where() + ")");
            return work.call();
        }
    }
}
