package dev.orrery.engine;

import dev.orrery.provision.DecommissionWorkflow;
import dev.orrery.task.Progress;

/** Drains, removes and deletes one app server (see {@link DecommissionWorkflow}). */
public final class DecommissionJob implements Job<Void> {
    private final DecommissionWorkflow workflow;
    private final String server;
    private final String cluster;

    public DecommissionJob(DecommissionWorkflow workflow, String server, String cluster) {
        this.workflow = workflow;
        this.server = server;
        this.cluster = cluster;
    }

    @Override
    public String cluster() {
        return cluster;
    }

    @Override
    public dev.orrery.engine.state.JobKind kind() {
        return dev.orrery.engine.state.JobKind.DECOMMISSION;
    }

    @Override
    public String title() {
        return "Decommission " + server;
    }

    @Override
    public Void run(Progress progress) throws Exception {
        workflow.run(server, progress);
        return null;
    }
}
