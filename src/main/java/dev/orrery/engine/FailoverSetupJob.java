package dev.orrery.engine;

import dev.orrery.engine.state.JobKind;
import dev.orrery.ha.FailoverSetup;
import dev.orrery.model.Cluster;
import dev.orrery.task.Progress;

/** {@link FailoverSetup} as a job: reserved IP, keepalived, scripts and token on both balancers. */
public final class FailoverSetupJob implements Job<FailoverSetup.Result> {
    private final Cluster cluster;
    private final FailoverSetup setup;

    public FailoverSetupJob(Cluster cluster, FailoverSetup setup) {
        this.cluster = cluster;
        this.setup = setup;
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
        return setup.run(cluster, progress);
    }
}
