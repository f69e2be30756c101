package dev.orrery.ui.main;

import dev.orrery.deploy.BalancerControls;
import dev.orrery.deploy.ClusterSink;
import dev.orrery.deploy.HostProvider;
import dev.orrery.deploy.Rollout;
import dev.orrery.deploy.RolloutOptions;
import dev.orrery.engine.Engine;
import dev.orrery.engine.Job;
import dev.orrery.model.Cluster;
import dev.orrery.remote.SshHosts;
import dev.orrery.task.Progress;
import dev.orrery.ui.deploy.DeployDialog;
import javafx.stage.Window;

import java.util.function.BiFunction;

/**
 * Deploy and Roll back from the window. The rollout records each server's release in the open
 * document as it goes live (so the topology shows it at once and the save lane writes it),
 * never behind the document's back in the file. Which hosts and balancer it drives is a seam:
 * the window's SSH pool in the app.
 */
public final class DeployActions {
    private final Window owner;
    private final Engine engine;
    private final ClusterDocument document;
    private BiFunction<Cluster, ClusterSink, Rollout> rollouts;

    DeployActions(Window owner, Engine engine, ClusterDocument document, SshHosts hosts, dev.orrery.lock.ClusterLock lock) {
        this.owner = owner;
        this.engine = engine;
        this.document = document;
        this.rollouts = (c, sink) -> new Rollout(HostProvider.pooled(hosts::hostFor), BalancerControls.forCluster(c, hosts::hostFor),
                sink, engine.io(), lock, RolloutOptions.defaults());
    }

    public void setRollouts(BiFunction<Cluster, ClusterSink, Rollout> rollouts) {
        this.rollouts = rollouts;
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
        ClusterSink sink = saved -> model.update(now -> saved);
        BiFunction<Cluster, ClusterSink, Rollout> make = rollouts;
        return DeployDialog.show(owner, engine, c, rollback, bundle -> new Job<>() {
            @Override
            public String title() {
                return rollback ? "Roll back " + c.name() : "Deploy " + bundle.getFileName() + " to " + c.name();
            }

            @Override
            public Cluster run(Progress progress) throws Exception {
                Rollout r = make.apply(c, sink);
                return rollback ? r.rollback(c, progress) : r.deploy(c, bundle, progress);
            }
        }, (done, error) -> {
            if (error == null) {
                document.say((rollback ? "Rolled back: " : "Deployed: ") + "every app server runs " + done.app().currentRelease().id());
            } else {
                document.say((rollback ? "Rollback" : "Deploy") + " stopped: " + error.getMessage().lines().findFirst().orElse(""));
            }
        });
    }
}
