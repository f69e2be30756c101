package dev.orrery.engine;

import dev.orrery.engine.state.JobKind;
import dev.orrery.lock.ClusterLock;
import dev.orrery.ha.FailoverSetup;
import dev.orrery.model.Cluster;
import dev.orrery.task.Progress;

/** {@link FailoverSetup} as a job: reserved IP, keepalived, scripts and token on both balancers. */
public final class FailoverSetupJob implements Job<FailoverSetup.Result> {
    private final Cluster cluster;
    private final FailoverSetup setup;
    private final ClusterLock lock;

    /** @param lock the cluster's lock, held while it runs: refused at once, naming the holder, when another job has it */
    public FailoverSetupJob(Cluster cluster, FailoverSetup setup, ClusterLock lock) {
        this.cluster = cluster;
        this.setup = setup;
        this.lock = lock;
    }

    @Override
    public String title() {
        return "Set up balancer failover for " + cluster.name();
    }

    @Override
    public String cluster() {
        return cluster.name();
    }

    @Override
    public JobKind kind() {
        return JobKind.FAILOVER;
    }

    @Override
    public FailoverSetup.Result run(Progress progress) throws Exception {
        return Locked.holding(lock, cluster, this, progress, () -> setup.run(cluster, progress));
    }
}
