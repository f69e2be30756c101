package dev.orrery.ui.main;

import dev.orrery.deploy.ClusterSink;
import dev.orrery.engine.DeployJob;
import dev.orrery.engine.Orrery;
import dev.orrery.model.Cluster;
import dev.orrery.ui.deploy.DeployDialog;
import javafx.stage.Window;

/**
 * Deploy and Roll back from the window: the engine's {@link DeployJob}, wired by the engine for
 * this cluster (droplets over SSH, the sandbox on this machine). The rollout records each
 * server's release in the open document as it goes live (so the nodes show it at once and the
 * save lane writes it), never behind the document's back in the file. How it ended is announced
 * by the deploy panel from the live state, for every deploy alike.
 */
public final class DeployActions {
    private final Window owner;
    private final Orrery orrery;
    private final ClusterDocument document;

    DeployActions(Window owner, Orrery orrery, ClusterDocument document) {
        this.owner = owner;
        this.orrery = orrery;
        this.document = document;
    }

    public DeployDialog deploy() {
        return open(false);
    }

    public DeployDialog rollback() {
        return open(true);
    }

    private DeployDialog open(boolean rollback) {
        Cluster c = document.cluster();
        if (c == null) {
            return null;
        }
        DocumentClusterModel model = new DocumentClusterModel(document, null);
        ClusterSink sink = (base, change) -> model.update(change);
        return DeployDialog.show(owner, orrery.engine(), c, rollback,
                bundle -> rollback ? orrery.rollbackJob(c, sink) : orrery.deployJob(c, bundle, sink), (done, error) -> { });
    }
}
