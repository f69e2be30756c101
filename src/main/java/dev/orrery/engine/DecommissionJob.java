package dev.orrery.engine;

import dev.orrery.provision.DecommissionWorkflow;
import dev.orrery.task.Progress;

/** Drains, removes and deletes one app server (see {@link DecommissionWorkflow}). */
public final class DecommissionJob implements Job<Void> {
    private final DecommissionWorkflow workflow;
    private final String server;

    public DecommissionJob(DecommissionWorkflow workflow, String server) {
        this.workflow = workflow;
        this.server = server;
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
