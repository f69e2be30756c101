package dev.orrery.engine;

import dev.orrery.engine.state.JobKind;

import dev.orrery.model.Server;
import dev.orrery.provision.ProvisionRequest;
import dev.orrery.provision.ProvisionWorkflow;
import dev.orrery.task.Progress;

import java.util.concurrent.Callable;

/**
 * Makes one app server from the cluster's snapshot (see {@link ProvisionWorkflow}). Each step is
 * also the new server's step, so its node shows "provisioning · Wait for SSH" while it runs.
 */
public final class ProvisionJob implements Job<Server> {
    private final Callable<ProvisionWorkflow> workflow;
    private final ProvisionRequest request;
    private final String cluster;

    public ProvisionJob(ProvisionWorkflow workflow, ProvisionRequest request, String cluster) {
        this(() -> workflow, request, cluster);
    }

    /** With the workflow built on the job's thread (reaching the provider reads the token: disk, keychain). */
    public ProvisionJob(Callable<ProvisionWorkflow> workflow, ProvisionRequest request, String cluster) {
        this.workflow = workflow;
        this.request = request;
        this.cluster = cluster;
    }

    @Override
    public String title() {
        return "Provision " + request.name() + " in " + cluster;
    }

    @Override
    public String cluster() {
        return cluster;
    }

    @Override
    public JobKind kind() {
        return JobKind.PROVISION;
    }

    @Override
    public Server run(Progress progress) throws Exception {
        progress.stepsAreAbout(request.name(), false);
        return workflow.call().run(request, progress);
    }
}
