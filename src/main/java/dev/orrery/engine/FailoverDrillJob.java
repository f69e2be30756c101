package dev.orrery.engine;

import dev.orrery.engine.state.JobKind;
import dev.orrery.ha.FailoverDrill;
import dev.orrery.model.Cluster;
import dev.orrery.task.Progress;

/** {@link FailoverDrill} as a job: the active balancer's stop shows as planned, not as an outage. */
public final class FailoverDrillJob implements Job<FailoverDrill.Result> {
    private final Cluster cluster;
    private final FailoverDrill drill;

    public FailoverDrillJob(Cluster cluster, FailoverDrill drill) {
        this.cluster = cluster;
        this.drill = drill;
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
        return drill.run(cluster, progress);
    }
}
