package dev.orrery.engine;

import dev.orrery.cloud.Snapshot;
import dev.orrery.provision.SnapshotWorkflow;
import dev.orrery.task.Progress;

/** Takes a snapshot of one app server (see {@link SnapshotWorkflow}). */
public final class SnapshotJob implements Job<Snapshot> {
    private final SnapshotWorkflow workflow;
    private final String server;
    private final String snapshotName;

    private final String cluster;

    public SnapshotJob(SnapshotWorkflow workflow, String server, String snapshotName, String cluster) {
        this.workflow = workflow;
        this.server = server;
        this.snapshotName = snapshotName;
        this.cluster = cluster;
    }

    @Override
    public String cluster() {
        return cluster;
    }

    @Override
    public dev.orrery.engine.state.JobKind kind() {
        return dev.orrery.engine.state.JobKind.SNAPSHOT;
    }

    @Override
    public String title() {
        return "Snapshot " + server + " as " + snapshotName;
    }

    @Override
    public Snapshot run(Progress progress) {
        return workflow.run(server, snapshotName, progress);
    }
}
