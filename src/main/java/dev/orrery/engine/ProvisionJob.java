package dev.orrery.engine;

import dev.orrery.engine.state.JobKind;

import dev.orrery.model.Server;
import dev.orrery.provision.ProvisionRequest;
import dev.orrery.provision.ProvisionWorkflow;
import dev.orrery.task.Progress;

/** Makes one app server from the cluster's snapshot (see {@link ProvisionWorkflow}). */
public final class ProvisionJob implements Job<Server> {
    private final ProvisionWorkflow workflow;
    private final ProvisionRequest request;
    private final String cluster;

    public ProvisionJob(ProvisionWorkflow workflow, ProvisionRequest request, String cluster) {
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
    public Server run(Progress progress) {
        return workflow.run(request, progress);
    }
}
