package dev.orrery.ui.main;

import dev.orrery.cloud.Sleeper;
import dev.orrery.engine.DecommissionJob;
import dev.orrery.engine.Engine;
import dev.orrery.engine.Job;
import dev.orrery.engine.ProvisionJob;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;
import dev.orrery.provision.DecommissionWorkflow;
import dev.orrery.provision.ProvisionRequest;
import dev.orrery.provision.ProvisionTimeouts;
import dev.orrery.provision.ProvisionWorkflow;
import dev.orrery.provision.Seams;
import dev.orrery.task.CancelledException;
import dev.orrery.ui.cloud.CloudAccess;
import dev.orrery.ui.cloud.NewDropletDialog;
import dev.orrery.ui.job.JobDialog;
import dev.orrery.ui.topology.TopologyView;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

import java.util.function.Supplier;

/**
 * New app servers from DigitalOcean in the window, as the engine's {@link ProvisionJob}. The
 * node appears at once as a placeholder whose status shows the job's step (from the live state);
 * the job's log is in a job dialog.
 * When the job fails the node stays, marked failed, with Delete (which deletes the droplet if
 * one was left); when it is cancelled the placeholder goes, as the workflow undid the rest.
 */
public final class ProvisionActions {
    public static final ButtonType NEW_DROPLET = new ButtonType("New droplet from snapshot…", ButtonBar.ButtonData.OK_DONE);
    public static final ButtonType EXISTING = new ButtonType("Existing server…", ButtonBar.ButtonData.OTHER);

    private final Window owner;
    private final Engine engine;
    private final Background background;
    private final ClusterDocument document;
    private final TopologyView topology;
    private CloudAccess cloud;
    private Supplier<Seams.ProvisionSeams> seams;
    private ProvisionTimeouts timeouts = ProvisionTimeouts.DEFAULT;

    ProvisionActions(Window owner, Engine engine, Background background, ClusterDocument document, TopologyView topology,
                     CloudAccess cloud, Supplier<Seams.ProvisionSeams> seams) {
        this.owner = owner;
        this.engine = engine;
        this.background = background;
        this.document = document;
        this.topology = topology;
        this.cloud = cloud;
        this.seams = seams;
    }

    public void setCloud(CloudAccess cloud) {
        this.cloud = cloud;
    }

    public CloudAccess cloud() {
        return cloud;
    }

    public void setSeams(Supplier<Seams.ProvisionSeams> seams, ProvisionTimeouts timeouts) {
        this.seams = seams;
        this.timeouts = timeouts;
    }

    /** The App server tile was dropped: a new droplet, or an existing server (the plain add dialog). */
    void offer(Runnable existing) {
        Alert ask = new Alert(Alert.AlertType.NONE, "Make a new droplet from the cluster's snapshot on DigitalOcean, "
                + "or add a server that already runs?", NEW_DROPLET, EXISTING, ButtonType.CANCEL);
        ask.initOwner(owner);
        ask.setTitle("Add app server");
        ask.setHeaderText("New app server in " + document.cluster().name());
        ask.getDialogPane().setId("add-app-choice");
        ask.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        ask.setOnHidden(e -> {
            if (ask.getResult() == NEW_DROPLET) {
                NewDropletDialog.show(owner, background, engine.io(), cloud, document.cluster(), this::provision);
            } else if (ask.getResult() == EXISTING) {
                existing.run();
            }
        });
        ask.show();
    }

    /** Starts the provision: placeholder node now, the job in the background. Call on the FX thread. */
    public JobDialog provision(ProvisionRequest req) {
        String name = req.name();
        Server stand = Server.of(name, Role.APP, "").withAddresses("", null)
                .withSsh(req.sshUser(), req.sshPort(), req.sshKey())
                .withProvider("digitalocean", null, req.template().region(), req.template().size())
                .withState(ServerState.PROVISIONING);
        document.apply(document.cluster().withServer(stand), "Provisioning " + name);
        topology.selectedProperty().set(name);
        String clusterName = document.cluster().name();
        background.run(() -> {
            cloud.saveTemplate(clusterName, req.template());
            return null;
        }, v -> { }, e -> document.say("Could not keep the droplet choices: " + e.getMessage()));

        DocumentClusterModel model = new DocumentClusterModel(document, name);
        Seams.ProvisionSeams s = seams.get();
        ProvisionTimeouts t = timeouts;
        CloudAccess access = cloud;
        // The node shows the job's steps from the live state ("provisioning · Wait for SSH").
        ProvisionJob job = new ProvisionJob(() -> new ProvisionWorkflow(access.provider(), model, s, t), req, clusterName);
        return JobDialog.run(owner, engine, locked(job), "Provisioning " + name, "provision", (made, error) -> finished(name, stand, error));
    }

    private void finished(String name, Server stand, Throwable error) {
        Cluster c = document.cluster();
        if (c == null) {
            return;
        }
        if (error == null) {
            document.say(name + " is ready");
        } else if (error instanceof CancelledException) {
            c.server(name).filter(s -> s.dropletId() == null).ifPresent(s -> document.apply(c.withoutServer(name), "Cancelled " + name));
            document.say("Provisioning " + name + " was cancelled");
        } else {
            Server left = c.server(name).orElse(null);
            Server failed = (left != null ? left : stand).withState(ServerState.FAILED);
            document.apply(left != null ? c.replaceServer(name, failed) : c.withServer(failed), "Provisioning " + name + " failed");
            document.say("Provisioning " + name + " failed: " + String.valueOf(error.getMessage()).lines().findFirst().orElse(""));
        }
    }

    /** Delete on a failed DigitalOcean node: its droplet is deleted if one is recorded, then the node goes. */
    void deleteFailed(Server server) {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, server.dropletId() == null
                ? "No droplet was left for " + server.name() + "; this removes the failed node from the cluster."
                : "This deletes droplet " + server.dropletId() + " on DigitalOcean and removes " + server.name() + " from the cluster.",
                ButtonType.CANCEL, ButtonType.OK);
        confirm.initOwner(owner);
        confirm.setHeaderText("Delete failed server " + server.name() + "?");
        confirm.getDialogPane().setId("confirm-delete-failed");
        ((javafx.scene.control.Button) confirm.getDialogPane().lookupButton(ButtonType.OK)).setText("Delete");
        confirm.setOnHidden(e -> {
            if (confirm.getResult() == ButtonType.OK) {
                deleteFailedNow(server);
            }
        });
        confirm.show();
    }

    private void deleteFailedNow(Server server) {
        if (server.dropletId() == null) {
            document.edit(document.cluster().withoutServer(server.name()), "Deleted " + server.name());
            return;
        }
        DocumentClusterModel model = new DocumentClusterModel(document, null);
        Seams.BalancerPusher pusher = seams.get().balancer();
        ProvisionTimeouts t = timeouts;
        CloudAccess access = cloud;
        DecommissionJob job = new DecommissionJob(() -> new DecommissionWorkflow(access.provider(), model, pusher, t, Sleeper.REAL),
                server.name(), document.cluster().name());
        JobDialog.run(owner, engine, locked(job), "Deleting " + server.name(), "decommission", (v, e) -> { });
    }

    /** The cluster's lock (on its balancer) around a job, once the window has given one; see {@link #setLock}. */
    private <T> Job<T> locked(Job<T> job) {
        if (lock == null && lockMaker != null) {
            lock = lockMaker.get();
        }
        return lock == null ? job : dev.orrery.engine.Locked.by(lock, document::cluster, job);
    }

    /** Provision and delete hold the cluster's lock while they run (issue 14). */
    void setLock(dev.orrery.lock.ClusterLock lock) {
        this.lock = lock;
    }

    /**
     * As {@link #setLock}, the lock made on the first provision or delete: making it builds the SSH
     * wiring, which the window's first frame does not need.
     */
    void setLockMaker(Supplier<dev.orrery.lock.ClusterLock> maker) {
        this.lockMaker = maker;
    }

    private dev.orrery.lock.ClusterLock lock;
    private Supplier<dev.orrery.lock.ClusterLock> lockMaker;
}
