package dev.orrery.provision;

import dev.orrery.cloud.Provider;
import dev.orrery.cloud.Sleeper;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;
import dev.orrery.task.CancelledException;
import dev.orrery.task.Progress;

import java.time.Duration;
import java.time.Instant;

/**
 * Takes an app server out of the cluster: drain (the balancer stops sending it new sessions,
 * then a wait for those it has) → remove it from the balancer → delete the droplet → remove it
 * from the model. If the delete fails, the server stays in the model, out of the balancer and
 * marked {@link ServerState#FAILED} with its droplet id, so the delete can be tried again.
 * Cancel is honoured until the droplet is deleted; before that it puts the server back into
 * rotation as it was.
 */
public final class DecommissionWorkflow {
    private final Provider provider;
    private final ClusterModel model;
    private final Seams.BalancerPusher balancer;
    private final ProvisionTimeouts timeouts;
    private final Sleeper sleeper;

    public DecommissionWorkflow(Provider provider, ClusterModel model, Seams.BalancerPusher balancer,
                                ProvisionTimeouts timeouts, Sleeper sleeper) {
        this.provider = provider;
        this.model = model;
        this.balancer = balancer;
        this.timeouts = timeouts;
        this.sleeper = sleeper;
    }

    public void run(String serverName, Progress progress) throws Exception {
        Server server = ManagedServer.require(model.current(), serverName, provider.name());
        boolean hasBalancer = model.current().balancerServer().isPresent();

        boolean wasDrained = model.current().balancer().isDrained(serverName);
        try {
            if (server.state() == ServerState.FAILED) {
                // A failed provision or decommission already took it out of the balancer: this is
                // the window's "delete" on a failed node, straight to the droplet.
                progress.log(serverName + " is marked failed and out of rotation; deleting its droplet");
            } else {
                drainAndRemove(serverName, hasBalancer, progress);
            }
        } catch (CancelledException e) {
            // Cancelled before the delete: put the server back into rotation as it was.
            synchronized (model) {
                Cluster back = model.update(c -> c.withBalancer(c.balancer().withDrained(serverName, wasDrained)));
                if (hasBalancer) {
                    balancer.push(back, Progress.NONE);
                }
            }
            throw e;
        }

        progress.step("Delete droplet " + server.dropletId());
        progress.fraction(0.6);
        progress.checkCancelled();
        try {
            boolean deleted = provider.delete(server.dropletId());
            progress.log(deleted ? "droplet " + server.dropletId() + " deleted" : "droplet " + server.dropletId() + " was already gone");
        } catch (RuntimeException e) {
            model.update(c -> c.replaceServer(serverName, c.server(serverName).orElse(server).withState(ServerState.FAILED)));
            throw new ProvisionException("deleting droplet " + server.dropletId() + " of " + serverName + " failed: " + e.getMessage()
                    + "; it is out of the balancer and stays in the cluster marked failed", server.dropletId(), e);
        }

        progress.step("Remove " + serverName + " from the cluster");
        progress.fraction(0.9);
        model.update(c -> c.withoutServer(serverName));
        progress.fraction(1.0);
    }

    private void drainAndRemove(String serverName, boolean hasBalancer, Progress progress) throws Exception {
        progress.step("Drain " + serverName);
        progress.fraction(0.05);
        progress.checkCancelled();
        // Pushes hold the model's lock, as the provision's do: one push at a time per cluster.
        synchronized (model) {
            Cluster drained = model.update(c -> c.withBalancer(c.balancer().withDrained(serverName, true)));
            if (hasBalancer) {
                balancer.push(drained, progress);
            }
        }
        if (hasBalancer) {
            waitForDrain(progress);
        }

        progress.step("Remove " + serverName + " from the balancer");
        progress.fraction(0.4);
        progress.checkCancelled();
        if (hasBalancer) {
            synchronized (model) {
                balancer.push(model.current().withoutServer(serverName), progress);
            }
        }
    }

    /** Waits the drain time in short slices so cancel stays prompt. */
    private void waitForDrain(Progress progress) throws InterruptedException {
        Duration left = timeouts.drain();
        if (left.isZero()) {
            return;
        }
        progress.log("waiting " + left.toSeconds() + " s for sessions to move off");
        Instant end = Instant.now().plus(left);
        Duration slice = Duration.ofMillis(250);
        while (left.compareTo(Duration.ZERO) > 0) {
            if (progress.cancelled()) {
                throw new CancelledException();
            }
            Duration step = left.compareTo(slice) < 0 ? left : slice;
            sleeper.sleep(step);
            left = left.minus(step);
            if (Instant.now().isAfter(end.plusSeconds(60))) {
                break; // the clock jumped; do not wait on for ever
            }
        }
    }
}
