package dev.orrery.engine;

import dev.orrery.engine.state.JobKind;
import dev.orrery.lock.ClusterLock;
import dev.orrery.ha.FailoverDrill;
import dev.orrery.model.Cluster;
import dev.orrery.task.Progress;

/** {@link FailoverDrill} as a job: the active balancer's stop shows as planned, not as an outage. */
public final class FailoverDrillJob implements Job<FailoverDrill.Result> {
    private final Cluster cluster;
    private final FailoverDrill drill;
    private final ClusterLock lock;

    /** @param lock the cluster's lock, held while it runs: refused at once, naming the holder, when another job has it */
    public FailoverDrillJob(Cluster cluster, FailoverDrill drill, ClusterLock lock) {
        this.cluster = cluster;
        this.drill = drill;
        this.lock = lock;
    }

    @Override
    public String title() {
        return "Failover drill on " + cluster.name();
    }

    @Override
    public String cluster() {
        return cluster.name();
    }

    @Override
    public JobKind kind() {
        return JobKind.DRILL;
    }

    @Override
    public FailoverDrill.Result run(Progress progress) throws Exception {
        return Locked.holding(lock, cluster, this, progress, () -> drill.run(cluster, progress));
    }
}
