package dev.orrery.health;

import dev.orrery.model.Cluster;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.ProxyDrain;
import dev.orrery.remote.Host;
import dev.orrery.task.Progress;

import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link BalancerActions} through the proxy workflow's drain: on nginx the server is rendered
 * {@code down} and the configuration pushed (validated, graceful reload). The drained list lives
 * in {@code live}, the cluster as Orrery runs it; it is deliberately not saved to the cluster
 * file: the "act on it" option acts only while Orrery runs, and {@link ActOnHealth#restoreAll()}
 * puts the servers back when it closes.
 */
public final class ProxyDrainActions implements BalancerActions {
    private final ProxyDrain drain;
    private final AtomicReference<Cluster> live;

    public ProxyDrainActions(Host balancer, BalancerLayout layout, AtomicReference<Cluster> live) {
        this.drain = new ProxyDrain(balancer, layout);
        this.live = live;
    }

    @Override
    public synchronized void markDown(String server) throws Exception {
        live.set(drain.drain(live.get(), server, Progress.NONE));
    }

    @Override
    public synchronized void markUp(String server) throws Exception {
        live.set(drain.undrain(live.get(), server, Progress.NONE));
    }
}
