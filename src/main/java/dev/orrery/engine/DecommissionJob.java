package dev.orrery.engine;

import dev.orrery.provision.DecommissionWorkflow;
import dev.orrery.task.Progress;

import java.util.concurrent.Callable;

/**
 * Drains, removes and deletes one app server (see {@link DecommissionWorkflow}). Its steps are
 * the server's, all planned: the node shows "removing · drain", never an outage.
 */
public final class DecommissionJob implements Job<Void> {
    private final Callable<DecommissionWorkflow> workflow;
    private final String server;
    private final String cluster;

    public DecommissionJob(DecommissionWorkflow workflow, String server, String cluster) {
        this(() -> workflow, server, cluster);
    }

    /** With the workflow built on the job's thread (reaching the provider reads the token: disk, keychain). */
    public DecommissionJob(Callable<DecommissionWorkflow> workflow, String server, String cluster) {
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
        progress.stepsAreAbout(server, true);
        workflow.call().run(server, progress);
        return null;
    }
}
