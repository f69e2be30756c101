package dev.orrery.provision;

import dev.orrery.cloud.Provider;
import dev.orrery.cloud.ServerHandle;
import dev.orrery.cloud.ServerSpec;
import dev.orrery.model.Cluster;
import dev.orrery.model.Release;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;
import dev.orrery.task.CancelledException;
import dev.orrery.task.Progress;

import java.util.List;
import java.util.Optional;

/**
 * Makes one app server from the cluster's snapshot and puts it into service, as a state machine
 * over {@link ProvisionStage}: create → wait for the create action → read the public and
 * private IPv4 → wait for SSH and record the host key → check the server → deploy the current
 * release → add it to the balancer → ready.
 * <p>
 * Cancel or failure at any point undoes what was done: the balancer is pushed without the
 * server, the droplet it made is deleted and the server leaves the model. Where the delete
 * fails too, the server stays in the model marked {@link ServerState#FAILED} with its droplet
 * id, so the window can offer to delete it — never a droplet nobody sees.
 */
public final class ProvisionWorkflow {
    private final Provider provider;
    private final ClusterModel model;
    private final Seams.ProvisionSeams seams;
    private final ProvisionTimeouts timeouts;
    private volatile ProvisionStage stage;

    public ProvisionWorkflow(Provider provider, ClusterModel model, Seams.ProvisionSeams seams, ProvisionTimeouts timeouts) {
        this.provider = provider;
        this.model = model;
        this.seams = seams;
        this.timeouts = timeouts;
    }

    /** The stage running now (null before the start), for observers. */
    public ProvisionStage stage() {
        return stage;
    }

    /** The tags every droplet Orrery makes for {@code cluster} carries; the cluster's own comes first. */
    public static List<String> tags(String cluster) {
        return List.of("orrery:" + cluster, "orrery");
    }

    /** What this run has made so far, for the undo. */
    private static final class Made {
        boolean createSent;
        ServerHandle droplet;
        Server server;
        boolean inModel;
        boolean inBalancer;
        /** How Orrery logs in to it, kept on a server recorded as failed. */
        String sshUser = "root";
        int sshPort = 22;
        String sshKey;
    }

    public Server run(ProvisionRequest asked, Progress progress) {
        String name = asked.name();
        Cluster start = model.current();
        ProvisionRequest req = asked.withClusterKey(start);
        if (asked.sshKey() == null) {
            progress.log(req.sshKey() != null ? "logging in to " + name + " with the cluster's key " + req.sshKey() + " (--login-key names another)"
                    : "logging in to " + name + " with the ssh-agent or ~/.ssh's default keys, as the cluster's servers do (--login-key names a key)");
        }
        if (start.server(name).isPresent()) {
            throw new IllegalArgumentException("the cluster already has a server called " + name);
        }
        String clusterTag = tags(start.name()).get(0);
        Optional<ServerHandle> leftover = provider.find(name, clusterTag);
        if (leftover.isPresent()) {
            throw new ProvisionException("a droplet called " + name + " tagged " + clusterTag + " already exists (id "
                    + leftover.get().id() + ") but is not in the cluster; delete it or choose another name", leftover.get().id(), null);
        }
        Made made = new Made();
        reserve(req, made);
        try {
            for (ProvisionStage s : ProvisionStage.values()) {
                progress.checkCancelled();
                stage = s;
                progress.step(s.label(name));
                progress.fraction(s.fraction());
                runStage(s, req, made, progress);
            }
            return made.server;
        } catch (Throwable t) {
            ProvisionStage failedAt = stage;
            String undo = undo(made, name, clusterTag, t, progress);
            if (t instanceof CancelledException c) {
                progress.log("cancelled at \"" + failedAt.label(name) + "\"; " + undo);
                throw c;
            }
            throw new ProvisionException("provisioning " + name + " failed at \"" + failedAt.label(name) + "\": "
                    + t.getMessage() + "; " + undo, made.droplet != null ? made.droplet.id() : null, t);
        }
    }

    private void runStage(ProvisionStage s, ProvisionRequest req, Made made, Progress progress) throws Exception {
        String name = req.name();
        switch (s) {
            case CREATE -> {
                var t = req.template();
                made.createSent = true;
                made.droplet = provider.create(new ServerSpec(name, t.region(), t.size(), t.snapshotId(), t.sshKeys(),
                        t.vpcUuid(), tags(model.current().name()), t.userData()));
                progress.log("droplet " + made.droplet.id() + " accepted");
            }
            case AWAIT_ACTIVE -> made.droplet = provider.awaitReady(made.droplet, timeouts.boot(), progress);
            case ADDRESSES -> {
                ServerHandle d = made.droplet;
                progress.log("public " + d.publicIpv4() + ", private " + (d.privateIpv4() != null ? d.privateIpv4() : "none"));
                made.server = Server.of(name, Role.APP, d.publicIpv4())
                        .withAddresses(d.publicIpv4(), d.privateIpv4())
                        .withSsh(req.sshUser(), req.sshPort(), req.sshKey())
                        .withProvider(provider.name(), d.id(), d.region() != null ? d.region() : req.template().region(),
                                d.size() != null ? d.size() : req.template().size())
                        .withState(ServerState.PROVISIONING);
                model.update(c -> c.server(name).isPresent() ? c.replaceServer(name, made.server) : c.withServer(made.server));
            }
            case SSH -> {
                String key = seams.ssh().awaitAndRecordHostKey(made.server, timeouts.ssh(), progress);
                progress.log("host key " + key + " recorded");
            }
            case CHECK -> seams.check().check(model.current(), made.server, progress);
            case DEPLOY -> {
                Release release = model.current().app().currentRelease();
                if (release == null) {
                    progress.log("the cluster has no release yet; nothing to deploy");
                } else {
                    seams.deployer().deploy(model.current(), made.server, release, progress);
                    made.server = made.server.withRelease(release.id());
                    model.update(c -> c.replaceServer(name, made.server));
                }
            }
            case BALANCER -> {
                // One push at a time per cluster, each from the model as it is at that moment, so
                // two provisions finishing together cannot push configurations missing each other.
                synchronized (model) {
                    Server ready = made.server.withState(ServerState.READY);
                    Cluster withReady = model.current().replaceServer(name, ready);
                    if (withReady.balancerServer().isEmpty()) {
                        progress.log("the cluster has no balancer; nothing to push");
                    } else {
                        made.inBalancer = true; // from here a failed push may have half-applied: undo pushes again
                        seams.balancer().push(withReady, progress);
                    }
                    // The model says READY only once the balancer sends it traffic.
                    made.server = ready;
                    model.update(c -> c.replaceServer(name, ready));
                }
            }
            case READY -> progress.log(name + " is in service");
        }
    }

    /**
     * Takes the name in the cluster before anything is made: the server goes in as provisioning,
     * without an address, in one locked change of what the model holds now. Two runs that picked
     * the same name (two terminals, a window and a terminal) cannot both make a droplet for it:
     * the second is refused here, having made nothing.
     */
    private void reserve(ProvisionRequest req, Made made) {
        String name = req.name();
        Server placeholder = new Server(name, Role.APP, null, null, req.sshUser(), req.sshPort(), req.sshKey(),
                provider.name(), null, req.template().region(), req.template().size(), ServerState.PROVISIONING, null);
        model.update(c -> {
            if (c.server(name).isPresent()) {
                throw new IllegalArgumentException("the cluster already has a server called " + name
                        + " (another provision may have taken the name meanwhile); nothing was made: run again for the next free name");
            }
            return c.withServer(placeholder);
        });
        made.inModel = true;
        made.sshUser = req.sshUser();
        made.sshPort = req.sshPort();
        made.sshKey = req.sshKey();
    }

    /** Undoes what {@code made} records; returns what it did, in words. Never throws. */
    private String undo(Made made, String name, String clusterTag, Throwable cause, Progress progress) {
        progress.step("Undo: remove " + name);
        if (made.inBalancer) {
            synchronized (model) {
                try {
                    seams.balancer().push(model.current().withoutServer(name), Progress.NONE);
                } catch (Exception e) {
                    cause.addSuppressed(e);
                }
            }
        }
        String id = made.droplet != null ? made.droplet.id() : null;
        if (id == null && made.createSent) {
            // The create may have gone through without an answer: look before declaring nothing made.
            try {
                id = provider.find(name, clusterTag).map(ServerHandle::id).orElse(null);
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
                return "could not check whether droplet " + name + " was made (" + e.getMessage()
                        + "); look for a droplet tagged " + clusterTag;
            }
        }
        if (id == null) {
            removeFromModel(made, name, cause);
            return "nothing was made";
        }
        try {
            boolean deleted = provider.delete(id);
            removeFromModel(made, name, cause);
            return deleted ? "droplet " + id + " deleted" : "droplet " + id + " was already gone";
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
            return keepAsFailed(made, name, id, e, cause);
        }
    }

    private void removeFromModel(Made made, String name, Throwable cause) {
        if (!made.inModel) {
            return;
        }
        try {
            model.update(c -> c.server(name).isPresent() ? c.withoutServer(name) : c);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private String keepAsFailed(Made made, String name, String id, RuntimeException deleteError, Throwable cause) {
        Server failed = made.server;
        if (failed == null) {
            ServerHandle h = made.droplet;
            if (h.publicIpv4() == null) {
                try {
                    h = provider.get(id);
                } catch (RuntimeException e) {
                    cause.addSuppressed(e);
                }
            }
            // Without an address yet the server is still recorded, so the window shows it with a
            // delete action; a cluster file refuses it (an address is required there), and then
            // the message below is all that is left to say where the droplet is.
            failed = new Server(name, Role.APP, h.publicIpv4(), h.privateIpv4(), made.sshUser, made.sshPort, made.sshKey,
                    provider.name(), id, h.region(), h.size(), ServerState.FAILED, null);
        }
        Server marked = failed.withState(ServerState.FAILED);
        try {
            model.update(c -> c.server(name).isPresent() ? c.replaceServer(name, marked) : c.withServer(marked));
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
            return "deleting droplet " + id + " failed too (" + deleteError.getMessage() + ") and it could not be recorded in the cluster ("
                    + e.getMessage() + "): delete droplet " + id + " (" + name + ") in DigitalOcean";
        }
        return "deleting droplet " + id + " failed too (" + deleteError.getMessage() + "); " + name
                + " stays in the cluster marked failed so it can be deleted from there";
    }
}
