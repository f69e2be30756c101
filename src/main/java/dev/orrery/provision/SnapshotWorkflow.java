package dev.orrery.provision;

import dev.orrery.cloud.Provider;
import dev.orrery.cloud.Snapshot;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;
import dev.orrery.task.Progress;

/**
 * Takes a snapshot of an app server, as the seed did by hand and the API advises: a graceful
 * {@code shutdown}, then {@code power_off} if it has not stopped within the timeout, then the
 * snapshot, then {@code power_on} — which runs whatever happened before, so a failed or
 * cancelled snapshot does not leave the server off. The new snapshot is then listed by
 * {@link Provider#snapshots()}, so it can be picked for new droplets.
 */
public final class SnapshotWorkflow {
    private final Provider provider;
    private final ClusterModel model;
    private final ProvisionTimeouts timeouts;

    public SnapshotWorkflow(Provider provider, ClusterModel model, ProvisionTimeouts timeouts) {
        this.provider = provider;
        this.model = model;
        this.timeouts = timeouts;
    }

    public Snapshot run(String serverName, String snapshotName, Progress progress) {
        Server server = ManagedServer.require(model.current(), serverName, provider.name());
        String id = server.dropletId();
        ServerState before = server.state();
        progress.step("Shut down " + serverName);
        progress.fraction(0.05);
        progress.checkCancelled();
        model.update(c -> c.replaceServer(serverName, server.withState(ServerState.STOPPED)));
        Throwable failure = null;
        try {
            if (!provider.shutdown(id, timeouts.shutdown(), progress)) {
                progress.step("Power off " + serverName);
                progress.log(serverName + " did not stop within " + timeouts.shutdown().toSeconds()
                        + " s; powering it off, as the API advises");
                provider.powerOff(id, timeouts.power(), progress);
            }
            progress.checkCancelled();
            progress.step("Snapshot " + serverName + " as " + snapshotName);
            progress.fraction(0.2);
            Snapshot s = provider.snapshot(id, snapshotName, timeouts.snapshot(), progress);
            progress.log("snapshot " + s.name() + " (id " + s.id() + ") is ready");
            return s;
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            powerOnAgain(serverName, id, server, before, failure, progress);
        }
    }

    private void powerOnAgain(String name, String id, Server server, ServerState before, Throwable failure, Progress progress) {
        progress.step("Power on " + name);
        progress.fraction(0.9);
        try {
            // Not cancellable: the server must not be left off because the user stopped the job.
            provider.powerOn(id, timeouts.power(), Progress.NONE);
            model.update(c -> c.replaceServer(name, server.withState(before)));
            progress.fraction(1.0);
        } catch (RuntimeException e) {
            model.update(c -> c.replaceServer(name, server.withState(ServerState.FAILED)));
            ProvisionException p = new ProvisionException("powering " + name + " (droplet " + id + ") on again failed: "
                    + e.getMessage() + "; it is marked failed", id, e);
            if (failure != null) {
                failure.addSuppressed(p);
            } else {
                throw p;
            }
        }
    }
}
